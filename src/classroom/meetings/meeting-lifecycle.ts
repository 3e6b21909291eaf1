import type { AppContext } from '../../app-context.js';
import type { ResourceWithCourse } from '../../content/resource-lookup.service.js';
import { AppError } from '../../http/errors.js';
import { recordMeetingEnded, recordMeetingStarted } from '../attendance/classroom-statements.service.js';
import { BbbUnavailableError } from '../bbb/bbb-errors.js';
import type { BbbApi } from '../bbb/bbb.types.js';
import type { ClassroomSettings } from '../classroom-settings.schemas.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';
import { bbbApiFor } from '../servers/bbb-server.service.js';
import { lrsPayloadMetaFor } from '../bbb-xapi/bbb-xapi.service.js';
import { classroomMeetingId } from './meeting-id.js';
import { createParams } from './meeting-params.js';
import {
  claimMeetingCheck,
  deleteCreatingMeeting,
  findLiveMeeting,
  findMeetingRow,
  insertCreatingMeeting,
  markMeetingEnded,
  markMeetingRunning,
} from './meeting.repository.js';
import { singleFlightFor, type SingleFlight } from './single-flight.js';

/**
 * The classroom's BBB meeting, created exactly once however many people click Join at the same
 * second: in this process they share one flight (single-flight per classroom); across processes
 * the partial unique index classroom_meetings_one_live lets one 'creating' row win, and the
 * others poll the row until it runs (or is gone: then they try again).
 */

export interface MeetingTarget {
  resource: ResourceWithCourse;
  settings: ClassroomSettings;
  /** Who would create it (lti_users.id) and their language. */
  createdBy: string | null;
  locale: 'fr' | 'en';
  /** The scheduled session the meeting opens for (null: no schedule, or a teacher early). */
  sessionStart: Date | null;
}

export interface LiveMeeting {
  row: ClassroomMeetingRow;
  api: BbbApi;
}


const ensureFlights = new WeakMap<object, SingleFlight<LiveMeeting | undefined>>();
const ATTEMPTS = 4;
const POLL_MS = 25;

/**
 * A running meeting this process just read or created is used again for RECENT_MS without
 * reading its row and the server's settings again: 300 joins in one second then cost a handful of
 * reads, not 600. The price of a meeting ended within that second (by BBB's end callback, or in
 * another process) is one join that BBB refuses; the person clicks again.
 */
const RECENT_MS = 1000;
const recentMeetings = new WeakMap<object, Map<string, { live: LiveMeeting; until: number }>>();

function recentFor(ctx: AppContext): Map<string, { live: LiveMeeting; until: number }> {
  let recent = recentMeetings.get(ctx);
  if (!recent) recentMeetings.set(ctx, (recent = new Map()));
  return recent;
}

/** This process ended the meeting (or learnt BBB no longer has it): the next join reads the row. */
export function forgetLiveMeeting(ctx: AppContext, resourceId: string): void {
  recentFor(ctx).delete(resourceId);
}

/**
 * The live meeting, created when `mayCreate` and there is none; undefined when there is none and
 * this caller may not create it (a viewer waiting for a moderator). Throws what BBB's failure was.
 */
export async function ensureLiveMeeting(ctx: AppContext, target: MeetingTarget, mayCreate: boolean): Promise<LiveMeeting | undefined> {
  const recent = recentFor(ctx);
  const hit = recent.get(target.resource.id);
  if (hit && hit.until > Date.now()) return hit.live;
  const key = `${target.resource.id}:${mayCreate ? 'create' : 'find'}`;
  const live = await singleFlightFor(ensureFlights, ctx).run(key, () => ensure(ctx, target, mayCreate));
  if (live) {
    if (recent.size > 1000) recent.clear();
    recent.set(target.resource.id, { live, until: Date.now() + RECENT_MS });
  }
  return live;
}

async function ensure(ctx: AppContext, target: MeetingTarget, mayCreate: boolean): Promise<LiveMeeting | undefined> {
  const { resource } = target;
  const api = await bbbApiFor(ctx, resource.platform_id);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await findLiveMeeting(ctx.db, resource.platform_id, resource.id);
    if (row?.state === 'running') {
      if (await confirmMeeting(ctx, api, row, { throwOnError: true })) return { row, api };
      continue;
    }
    if (row?.state === 'creating') {
      const settled = await waitForCreation(ctx, row);
      if (settled) return { row: settled, api };
      continue;
    }
    if (!mayCreate) return undefined;
    const claimed = await insertCreatingMeeting(ctx.db, {
      platformId: resource.platform_id,
      resourceId: resource.id,
      meetingId: classroomMeetingId(resource.id),
      sessionStart: target.sessionStart,
      createdBy: target.createdBy,
    });
    if (claimed) return { row: await createMeeting(ctx, api, target, claimed), api };
  }
  throw new AppError('join-busy', 503, { resourceId: resource.id });
}

/** The winner's part: BBB create, then the row goes live; on any failure the row goes (nothing half-created). */
async function createMeeting(ctx: AppContext, api: BbbApi, target: MeetingTarget, row: ClassroomMeetingRow): Promise<ClassroomMeetingRow> {
  const log = ctx.logger.child({ resourceId: row.resource_id, meetingRowId: row.id, platformId: row.platform_id });
  try {
    const lrsPayload = await lrsPayloadMetaFor(ctx, row.platform_id);
    const created = await api.create(createParams(ctx, { ...target, row, lrsPayload }));
    const running = await markMeetingRunning(ctx.db, row.id, { internalMeetingId: created.internalMeetingID, createTime: created.createTime });
    // Only when the row was taken for abandoned meanwhile (a create slower than the staleness limit).
    if (!running) throw new AppError('join-busy', 503, { resourceId: row.resource_id });
    log.info({ internalMeetingId: created.internalMeetingID, duplicate: created.duplicate }, 'classroom meeting created');
    await recordMeetingStarted(ctx, running);
    return running;
  } catch (err) {
    // A create that timed out may have reached BBB: its row stays, ended, so that the callbacks of
    // the meeting BBB may hold (they name this row) still find their classroom. Otherwise it goes.
    const forget = mayHaveBeenCreated(err) ? markMeetingEnded(ctx.db, row.id, 'create-failed') : deleteCreatingMeeting(ctx.db, row.id);
    await forget.catch((cleanup: unknown) => log.error({ err: cleanup }, 'could not remove a failed meeting row'));
    log.warn({ err }, 'classroom meeting creation failed');
    throw err;
  }
}

function mayHaveBeenCreated(err: unknown): boolean {
  return err instanceof BbbUnavailableError && /no answer within/.test(String(err.params.reason));
}

/** A row another flight (or process) is creating: wait until it runs or is gone; take over a row abandoned by a dead process. */
async function waitForCreation(ctx: AppContext, row: ClassroomMeetingRow): Promise<ClassroomMeetingRow | undefined> {
  // Create is one call (two tries at most in the client): well past that, the creator is gone.
  const abandonedAt = row.created_at.getTime() + ctx.config.classroom.bbbTimeoutMs * 3 + 5000;
  for (;;) {
    const current = await findMeetingRow(ctx.db, row.id);
    if (!current || current.state === 'ended') return undefined;
    if (current.state === 'running') return current;
    if (Date.now() > abandonedAt) {
      if (await deleteCreatingMeeting(ctx.db, row.id)) ctx.logger.warn({ meetingRowId: row.id }, 'abandoned classroom meeting creation removed');
      return undefined;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Is the running meeting still on BBB? Trusted for meetingCheckSeconds after BBB last said so;
 * then one caller (across processes: claimMeetingCheck) asks getMeetingInfo and, when BBB no
 * longer knows it, ends the row. false = ended.
 */
export async function confirmMeeting(ctx: AppContext, api: BbbApi, row: ClassroomMeetingRow, options: { throwOnError: boolean }): Promise<boolean> {
  const staleBefore = new Date(Date.now() - ctx.config.classroom.meetingCheckSeconds * 1000);
  if (row.checked_at && row.checked_at >= staleBefore) return true;
  if (!(await claimMeetingCheck(ctx.db, row.id, staleBefore))) return true;
  try {
    const info = await api.getMeetingInfo(row.meeting_id);
    // Another instance under the same meetingID (one Amphi lost track of) is not this row's: its createTime differs.
    if (info && !info.hasBeenForciblyEnded && !info.endTime && (row.create_time === null || info.createTime === row.create_time)) return true;
  } catch (err) {
    if (options.throwOnError) throw err;
    ctx.logger.warn({ err, meetingRowId: row.id }, 'could not ask BigBlueButton about a classroom meeting');
    return true;
  }
  const ended = await markMeetingEnded(ctx.db, row.id, 'not-found');
  forgetLiveMeeting(ctx, row.resource_id);
  // No end callback came: the session's terminated statement is written now.
  if (ended) await recordMeetingEnded(ctx, { ...row, state: 'ended', ended_at: new Date(), end_reason: 'not-found' }, new Date());
  ctx.logger.info({ meetingRowId: row.id, resourceId: row.resource_id }, 'classroom meeting no longer on BigBlueButton');
  return false;
}

/** For the room's poll: confirms a running row when due, never creating anything. */
export async function refreshLiveMeeting(ctx: AppContext, platformId: string, resourceId: string): Promise<ClassroomMeetingRow | undefined> {
  const row = await findLiveMeeting(ctx.db, platformId, resourceId);
  if (row?.state !== 'running') return row;
  const staleBefore = new Date(Date.now() - ctx.config.classroom.meetingCheckSeconds * 1000);
  if (row.checked_at && row.checked_at >= staleBefore) return row;
  const api = await bbbApiFor(ctx, platformId);
  return (await confirmMeeting(ctx, api, row, { throwOnError: false })) ? row : undefined;
}
