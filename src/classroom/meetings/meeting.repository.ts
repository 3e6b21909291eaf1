import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';

/** SQL for classroom_meetings and the join side of classroom_attendance (migration 0010 explains both). */

/** The classroom's live meeting (creating or running): at most one, by the partial unique index. */
export function findLiveMeeting(db: Db, platformId: string, resourceId: string): Promise<ClassroomMeetingRow | undefined> {
  return db
    .selectFrom('classroom_meetings')
    .selectAll()
    .where('platform_id', '=', platformId)
    .where('resource_id', '=', resourceId)
    .where('state', '<>', 'ended')
    .executeTakeFirst();
}

export function findMeetingRow(db: Db, id: string): Promise<ClassroomMeetingRow | undefined> {
  return db.selectFrom('classroom_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Claims the right to create the classroom's meeting: a 'creating' row, or nothing when a live
 * row exists (classroom_meetings_one_live). Exactly one caller wins, across processes.
 */
export function insertCreatingMeeting(
  db: Db,
  row: { platformId: string; resourceId: string; meetingId: string; sessionStart: Date | null; createdBy: string | null },
): Promise<ClassroomMeetingRow | undefined> {
  return db
    .insertInto('classroom_meetings')
    .values({
      id: crypto.randomUUID(),
      platform_id: row.platformId,
      resource_id: row.resourceId,
      meeting_id: row.meetingId,
      state: 'creating',
      session_start: row.sessionStart,
      created_by: row.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** BBB created the meeting: the row goes live with what join needs. */
export function markMeetingRunning(db: Db, id: string, created: { internalMeetingId: string; createTime: number }): Promise<ClassroomMeetingRow | undefined> {
  const now = new Date();
  return db
    .updateTable('classroom_meetings')
    .set({ state: 'running', internal_meeting_id: created.internalMeetingId, create_time: created.createTime, started_at: now, checked_at: now })
    .where('id', '=', id)
    .where('state', '=', 'creating')
    .returningAll()
    .executeTakeFirst();
}

/** A create that failed leaves nothing behind: its 'creating' row goes. */
export async function deleteCreatingMeeting(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('classroom_meetings').where('id', '=', id).where('state', '=', 'creating').executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A live meeting is over (BBB no longer knows it, or the teacher ended it). */
export async function markMeetingEnded(db: Db, id: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('classroom_meetings')
    .set({ state: 'ended', ended_at: new Date(), end_reason: reason })
    .where('id', '=', id)
    .where('state', '<>', 'ended')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * The right to ask BBB about a running meeting: true for exactly one caller per `staleBefore`
 * window, across processes (the row's checked_at is the shared clock).
 */
export async function claimMeetingCheck(db: Db, id: string, staleBefore: Date): Promise<boolean> {
  const r = await db
    .updateTable('classroom_meetings')
    .set({ checked_at: new Date() })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface JoinRecord {
  platformId: string;
  resourceId: string;
  meetingRowId: string;
  userId: string;
  resourceLinkId: string | null;
  role: 'moderator' | 'viewer';
}

/**
 * People joined meetings: their attendance rows, created or counted once more, in one statement
 * (join-recorder.ts batches the joins of a burst). Several joins of one person in the batch are
 * merged first: one statement cannot update the same row twice.
 */
export async function recordJoins(db: Db, joins: JoinRecord[]): Promise<void> {
  const merged = new Map<string, JoinRecord & { count: number }>();
  for (const join of joins) {
    const key = `${join.meetingRowId}:${join.userId}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...join, count: 1 });
    else merged.set(key, { ...join, role: seen.role === 'moderator' ? 'moderator' : join.role, resourceLinkId: join.resourceLinkId ?? seen.resourceLinkId, count: seen.count + 1 });
  }
  if (merged.size === 0) return;
  const now = new Date();
  await db
    .insertInto('classroom_attendance')
    .values(
      [...merged.values()].map((join) => ({
        id: crypto.randomUUID(),
        platform_id: join.platformId,
        resource_id: join.resourceId,
        meeting_row_id: join.meetingRowId,
        user_id: join.userId,
        resource_link_id: join.resourceLinkId,
        role: join.role,
        first_joined_at: now,
        last_joined_at: now,
        join_count: join.count,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['meeting_row_id', 'user_id']).doUpdateSet({
        join_count: sql`classroom_attendance.join_count + excluded.join_count`,
        last_joined_at: now,
        // A learner made moderator mid-meeting (everyoneModerator turned on) keeps the higher role.
        role: sql`case when excluded.role = 'moderator' then 'moderator' else classroom_attendance.role end`,
        resource_link_id: sql`coalesce(excluded.resource_link_id, classroom_attendance.resource_link_id)`,
      }),
    )
    .execute();
}

/** How many people joined the meeting through Amphi (the room panel's count; BBB is not asked). */
export async function countJoined(db: Db, meetingRowId: string): Promise<{ total: number; moderators: number }> {
  const row = await db
    .selectFrom('classroom_attendance')
    .select((eb) => [eb.fn.countAll<string>().as('total'), sql<string>`count(*) filter (where role = 'moderator')`.as('moderators')])
    .where('meeting_row_id', '=', meetingRowId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), moderators: Number(row.moderators) };
}
