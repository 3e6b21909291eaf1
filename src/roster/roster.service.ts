import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';
import { OutboundError } from '../http/outbound.js';
import { PlatformServiceError } from '../lti/services/service-error.js';
import { fetchContextMembership } from './names-roles.client.js';
import { fromLaunch, fromNrps, mergeRoster, type RosterMember } from './roster-member.js';
import {
  findLaunchMember,
  findNrpsMemberByUser,
  findRosterCourse,
  findRosterSync,
  listLaunchMembers,
  listNrpsMembers,
  recordRosterFailure,
  replaceRoster,
  type RosterCourse,
} from './roster.repository.js';
import type { RosterSyncRow } from './roster.table.js';

export type { RosterMember } from './roster-member.js';

export type RosterRefresh = 'if-stale' | 'force' | 'never';

export interface Roster {
  members: RosterMember[];
  /**
   * ok: the NRPS copy is current. failed: the last fetch failed; `members` holds the last good copy
   * (or launches only, if none) and `error` says why. unavailable: the course never announced an
   * NRPS URL (or, with refresh 'never', nothing was fetched yet); `members` come from launches.
   * With status ok, a non-null `error` names members the platform sent that could not be read.
   */
  status: 'ok' | 'failed' | 'unavailable';
  fetchedAt: Date | null;
  error: string | null;
}

export interface RosterSyncOutcome {
  status: 'ok' | 'failed' | 'unavailable';
  memberCount: number;
  skippedMembers: number;
  error: string | null;
  /** For a failure: whether the same fetch may succeed later (network, 5xx, 429). */
  retryable: boolean;
}

/** After a failed fetch, readers are served the stored copy for this long before the platform is asked again. */
const FAILURE_RETRY_SECONDS = 60;

/**
 * The course roster: the NRPS copy (refreshed per `refresh`, default 'if-stale') merged with the
 * people who launched from the course without being in it. `contextId` is lti_contexts.id.
 */
export async function getRoster(ctx: AppContext, contextId: string, options: { refresh?: RosterRefresh } = {}): Promise<Roster> {
  const course = await findRosterCourse(ctx.db, contextId);
  if (!course) return { members: [], status: 'unavailable', fetchedAt: null, error: null };
  const { sync, url } = await syncIfNeeded(ctx, course, options.refresh ?? 'if-stale');
  const nrps = sync?.fetched_at ? await listNrpsMembers(ctx.db, course.id, course.platform_id) : [];
  const launches = await listLaunchMembers(ctx.db, course.id, course.platform_id);
  return {
    members: mergeRoster(nrps, launches),
    status: url && sync ? sync.status : 'unavailable',
    fetchedAt: sync?.fetched_at ?? null,
    error: sync?.error ?? null,
  };
}

/**
 * The course member with this lti_users.id, from the roster ('if-stale') or else from the course's
 * launches; undefined when they are in neither (or belong to another platform). The grades module
 * refuses a score for them. The member's `status` (Inactive, Deleted) is left to the caller.
 */
export async function findCourseMember(ctx: AppContext, contextId: string, userId: string): Promise<RosterMember | undefined> {
  const course = await findRosterCourse(ctx.db, contextId);
  if (!course) return undefined;
  const { sync } = await syncIfNeeded(ctx, course, 'if-stale');
  if (sync?.fetched_at) {
    const member = await findNrpsMemberByUser(ctx.db, course.id, course.platform_id, userId);
    if (member) return fromNrps(member);
  }
  const launched = await findLaunchMember(ctx.db, course.id, course.platform_id, userId);
  return launched && fromLaunch(launched);
}

/** Fetches the roster from the platform now (sharing a fetch already under way for this course). */
export async function refreshRoster(ctx: AppContext, contextId: string): Promise<RosterSyncOutcome> {
  const course = await findRosterCourse(ctx.db, contextId);
  const url = course && (course.memberships_url ?? (await findRosterSync(ctx.db, course.id))?.memberships_url);
  if (!course || !url) return { status: 'unavailable', memberCount: 0, skippedMembers: 0, error: null, retryable: false };
  return refreshOnce(ctx, course, url);
}

async function syncIfNeeded(ctx: AppContext, course: RosterCourse, refresh: RosterRefresh): Promise<{ sync: RosterSyncRow | undefined; url: string | null }> {
  let sync = await findRosterSync(ctx.db, course.id);
  // The launch keeps the latest URL (coalesce), so the sync row's is only a safety net.
  const url = course.memberships_url ?? sync?.memberships_url ?? null;
  if (url && (refresh === 'force' || (refresh === 'if-stale' && isStale(sync, url, ctx.config.roster.maxAgeSeconds, new Date())))) {
    await refreshOnce(ctx, course, url);
    sync = await findRosterSync(ctx.db, course.id);
  }
  return { sync, url };
}

/**
 * Stale: never fetched, fetched from another URL, or older than the maximum age. A recent failure
 * is not retried by readers for a while, so a platform that is down is not asked (and waited for)
 * on every page a teacher opens; 'force' still asks.
 */
export function isStale(sync: Pick<RosterSyncRow, 'status' | 'memberships_url' | 'fetched_at' | 'attempted_at'> | undefined, url: string, maxAgeSeconds: number, now: Date): boolean {
  if (!sync) return true;
  const age = (at: Date) => (now.getTime() - at.getTime()) / 1000;
  if (sync.status === 'failed' && age(sync.attempted_at) < Math.min(FAILURE_RETRY_SECONDS, maxAgeSeconds)) return false;
  if (sync.memberships_url !== url || !sync.fetched_at) return true;
  return age(sync.fetched_at) >= maxAgeSeconds;
}

/** One fetch per course at a time in this process: a class opening the dashboard together costs one. */
const inFlight = new WeakMap<Db, Map<string, Promise<RosterSyncOutcome>>>();

function refreshOnce(ctx: AppContext, course: RosterCourse, url: string): Promise<RosterSyncOutcome> {
  let flights = inFlight.get(ctx.db);
  if (!flights) inFlight.set(ctx.db, (flights = new Map()));
  const running = flights.get(course.id);
  if (running) return running;
  const flight = fetchAndStore(ctx, course, url).finally(() => flights.delete(course.id));
  flights.set(course.id, flight);
  return flight;
}

async function fetchAndStore(ctx: AppContext, course: RosterCourse, url: string): Promise<RosterSyncOutcome> {
  const log = ctx.logger.child({ feature: 'roster', contextId: course.id, platformId: course.platform_id });
  const startedAt = new Date();
  try {
    const platform = await ctx.platforms.findById(course.platform_id);
    if (!platform) throw new PlatformServiceError('lti-nrps', 'the platform is no longer registered', undefined, false);
    const { members, skipped, pages } = await fetchContextMembership(ctx, platform, url);
    const note = skipped.length ? `${skipped.length} member(s) the platform sent could not be read: ${skipped[0]!.reason}` : null;
    if (skipped.length) log.warn({ skipped: skipped.slice(0, 20) }, 'NRPS members skipped');
    await replaceRoster(ctx.db, { contextId: course.id, membershipsUrl: url, members, fetchedAt: startedAt, note });
    log.info({ members: members.length, pages }, 'roster fetched');
    return { status: 'ok', memberCount: members.length, skippedMembers: skipped.length, error: note, retryable: false };
  } catch (err) {
    // Anything else (the database) is ours and propagates.
    if (!(err instanceof PlatformServiceError)) throw err;
    const error = `${err.serviceName}: ${String(err.params.reason)}`;
    await recordRosterFailure(ctx.db, { contextId: course.id, membershipsUrl: url, error, attemptedAt: startedAt });
    // `outbound` tells the operator what the shown reason may hide from the course (dns-failed or address-refused).
    const outbound = err.cause instanceof OutboundError ? err.cause.reason : undefined;
    log.warn({ error, httpStatus: err.httpStatus, retryable: err.retryable, detail: err.detail, outbound }, 'roster fetch failed');
    return { status: 'failed', memberCount: 0, skippedMembers: 0, error, retryable: err.retryable };
  }
}

/** A course's roster written whole (a seeded course): readers see the old one or the new one. */
export function storeRoster(db: Db, roster: Parameters<typeof replaceRoster>[1]): Promise<void> {
  return replaceRoster(db, roster);
}
