import type { AppContext } from '../../app-context.js';
import { AppError, BadRequestError, ConflictError, NotFoundError } from '../../http/errors.js';
import { followUpAttendanceReport, matchAttendees, saveAttendanceReport } from '../attendance/attendance-report.js';
import { recordMeetingEnded } from '../attendance/classroom-statements.service.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';
import { forgetLiveMeeting } from '../meetings/meeting-lifecycle.js';
import { bbbApiFor, bbbSecretFor } from '../servers/bbb-server.service.js';
import { parseAnalyticsBody } from './analytics-payload.js';
import { replayKey, verifyCallbackJwt } from './callback-jwt.js';
import { claimCallbackToken, findMeetingRow, insertReadyRecording, markMeetingEnded } from './callback.repository.js';
import { isCallbackTokenValid, meetingRowIdOf, type CallbackKind } from './callback-urls.js';

/**
 * BigBlueButton's three callbacks. Each first finds the meeting row its URL token names and
 * checks the token's HMAC (a forged URL: 404, the same answer as a meeting that does not exist);
 * then BBB's own JWT, with the secret of the row's platform (another platform's secret, or
 * another platform's meeting, never verifies here); then the body. A JWT already processed
 * changes nothing and says so.
 */
export type CallbackOutcome = { status: 'ok' | 'already-processed' } & Record<string, unknown>;

async function meetingFor(ctx: AppContext, kind: CallbackKind, token: string): Promise<ClassroomMeetingRow> {
  const rowId = meetingRowIdOf(token);
  const meeting = rowId ? await findMeetingRow(ctx.db, rowId) : undefined;
  if (!meeting || !isCallbackTokenValid(ctx, kind, token, meeting)) {
    ctx.logger.warn({ kind }, 'classroom callback refused: unknown or forged URL');
    throw new NotFoundError({ kind });
  }
  return meeting;
}

async function secretOf(ctx: AppContext, meeting: ClassroomMeetingRow): Promise<string> {
  const secret = await bbbSecretFor(ctx, meeting.platform_id);
  if (!secret) throw new ConflictError('callback-no-server', 409);
  return secret;
}

/** BBB's end callback: GET endCallbackUrl?meetingID=…&recordingmarks=… (no signature: the URL's token is the proof). */
export async function handleMeetingEnded(ctx: AppContext, token: string, query: { meetingID?: string }): Promise<CallbackOutcome> {
  const meeting = await meetingFor(ctx, 'end', token);
  if (query.meetingID !== undefined && query.meetingID !== meeting.meeting_id) {
    throw new BadRequestError('callback-meeting-mismatch', 400, { meetingId: query.meetingID });
  }
  // The URL is readable by anything holding the server's secret (getMeetings' metadata): BBB
  // itself must agree the meeting is over. Unreachable, the callback is trusted (it came from there).
  if (meeting.state !== 'ended' && (await stillRunning(ctx, meeting))) {
    ctx.logger.warn({ meetingRowId: meeting.id }, 'classroom end callback ignored: BBB says the meeting is running');
    return { status: 'ok', ignored: 'meeting-running' };
  }
  const endedAt = new Date();
  const ended = await markMeetingEnded(ctx.db, meeting.id, endedAt, 'callback');
  if (!ended) throw new NotFoundError({ kind: 'end' });
  // The join's short-lived cache of the live meeting must not hand out the ended one.
  forgetLiveMeeting(ctx, meeting.resource_id);
  ctx.logger.info({ meetingRowId: meeting.id, changed: ended.changed }, 'classroom meeting ended (BBB callback)');
  await recordMeetingEnded(ctx, ended.row, ended.row.ended_at ?? endedAt);
  return { status: ended.changed ? 'ok' : 'already-processed' };
}

async function stillRunning(ctx: AppContext, meeting: ClassroomMeetingRow): Promise<boolean> {
  try {
    return await (await bbbApiFor(ctx, meeting.platform_id)).isMeetingRunning(meeting.meeting_id);
  } catch (err) {
    ctx.logger.warn({ meetingRowId: meeting.id, err }, 'classroom end callback: BBB not asked');
    return false;
  }
}

/** BBB's recording-ready callback (GET or POST form): signed_parameters = HS256 JWT of {meeting_id, record_id}. */
export async function handleRecordingReady(ctx: AppContext, token: string, signedParameters: string | undefined): Promise<CallbackOutcome> {
  const meeting = await meetingFor(ctx, 'recording-ready', token);
  const jwt = await verifyCallbackJwt(signedParameters, await secretOf(ctx, meeting), 'HS256');
  const meetingId = jwt.payload.meeting_id;
  const recordId = jwt.payload.record_id;
  if (typeof meetingId !== 'string' || typeof recordId !== 'string' || !recordId) {
    throw new BadRequestError('callback-body-invalid', 400, { details: 'signed_parameters: meeting_id and record_id are required' });
  }
  // The record id is the internal meeting id: a recording of another meeting under the same meetingID is not this one's.
  if (meetingId !== meeting.meeting_id || (meeting.internal_meeting_id && recordId !== meeting.internal_meeting_id)) {
    throw new BadRequestError('callback-meeting-mismatch', 400, { meetingId });
  }
  const inserted = await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimCallbackToken(trx, replayKey('recording-ready', meeting.id, jwt.hash), 'recording-ready', jwt.expiresAt))) return null;
    return insertReadyRecording(trx, { platformId: meeting.platform_id, recordId, resourceId: meeting.resource_id, meetingRowId: meeting.id });
  });
  if (inserted === null) return { status: 'already-processed' };
  ctx.logger.info({ meetingRowId: meeting.id, recordId, inserted }, 'classroom recording ready');
  return { status: 'ok', recordId };
}

/** The analytics caller's URL token and JWT, checked before its (large) body is read. */
export async function authenticateAnalytics(ctx: AppContext, token: string, bearer: string | undefined): Promise<void> {
  const meeting = await meetingFor(ctx, 'analytics', token);
  await verifyCallbackJwt(bearer, await secretOf(ctx, meeting), 'HS512', { requireExp: true });
}

/** BBB's learning-analytics callback: POST JSON, Authorization: Bearer HS512 JWT with exp. */
export async function handleAnalytics(ctx: AppContext, token: string, bearer: string | undefined, body: unknown): Promise<CallbackOutcome> {
  const meeting = await meetingFor(ctx, 'analytics', token);
  const jwt = await verifyCallbackJwt(bearer, await secretOf(ctx, meeting), 'HS512', { requireExp: true });
  const report = parseAnalyticsBody(body);
  if (report.meetingId !== meeting.meeting_id || (meeting.internal_meeting_id && report.internalMeetingId !== meeting.internal_meeting_id)) {
    throw new BadRequestError('callback-meeting-mismatch', 400, { meetingId: report.meetingId });
  }
  const matched = await matchAttendees(ctx.db, meeting.platform_id, report);
  const reportedAt = new Date();
  const endedAt = report.finish ?? reportedAt;
  const saved = await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimCallbackToken(trx, replayKey('analytics', meeting.id, jwt.hash), 'analytics', jwt.expiresAt))) return null;
    await saveAttendanceReport(trx, meeting, matched, report, reportedAt);
    // A meeting BBB reports on is over, even when its end callback never came.
    return markMeetingEnded(trx, meeting.id, endedAt, 'callback');
  });
  if (saved === null) return { status: 'already-processed' };
  if (!saved) throw new AppError('internal-error', 500);
  if (saved.changed) forgetLiveMeeting(ctx, meeting.resource_id);
  const followUp = await followUpAttendanceReport(ctx, saved.row, matched, saved.row.ended_at ?? endedAt);
  ctx.logger.info({ meetingRowId: meeting.id, people: matched.people.length, guests: matched.guests, ...followUp }, 'classroom attendance reported');
  return { status: 'ok', attendees: matched.people.length, guests: matched.guests };
}
