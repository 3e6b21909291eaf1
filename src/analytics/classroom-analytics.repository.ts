import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Reads of a classroom's analytics: its sessions, who attended, its recordings' viewers. */

export interface SessionRow {
  id: string;
  started_at: Date;
  ended_at: Date | null;
}

/** The classroom's sessions that started in the range (UTC days, inclusive), oldest first. */
export function classroomSessions(db: Db, resourceId: string, from: string, to: string): Promise<SessionRow[]> {
  return db
    .selectFrom('classroom_meetings')
    .select(['id', sql<Date>`coalesce(started_at, created_at)`.as('started_at'), 'ended_at'])
    .where('resource_id', '=', resourceId)
    .where(sql<boolean>`coalesce(started_at, created_at) >= ${from}::date`)
    .where(sql<boolean>`coalesce(started_at, created_at) < ${to}::date + 1`)
    .orderBy('started_at')
    .execute();
}

export interface AttendanceFacts {
  meeting_row_id: string;
  sub: string;
  role: 'moderator' | 'viewer';
  duration_seconds: number | null;
  talk_time_seconds: number | null;
  chats: number | null;
  raised_hands: number | null;
  poll_votes: number | null;
}

export async function sessionAttendance(db: Db, meetingRowIds: string[]): Promise<AttendanceFacts[]> {
  if (!meetingRowIds.length) return [];
  return db
    .selectFrom('classroom_attendance as a')
    .innerJoin('lti_users as u', 'u.id', 'a.user_id')
    .select(['a.meeting_row_id', 'u.sub', 'a.role', 'a.duration_seconds', 'a.talk_time_seconds', 'a.chats', 'a.raised_hands', 'a.poll_votes'])
    .where('a.meeting_row_id', 'in', meetingRowIds)
    .execute();
}

/** The videos imported from the classroom's recordings. */
export function recordingVideos(db: Db, resourceId: string): Promise<{ resource_id: string; title: string }[]> {
  return db
    .selectFrom('classroom_recordings as c')
    .innerJoin('resources as r', 'r.id', 'c.imported_resource_id')
    .select(['r.id as resource_id', 'r.title'])
    .where('c.resource_id', '=', resourceId)
    .execute();
}

/** Per classroom: the sessions held (started) and how many of them this person attended as a participant. */
export async function classroomProgress(db: Db, platformId: string, resourceIds: string[], sub: string): Promise<{ resource_id: string; held: number; attended: number }[]> {
  if (!resourceIds.length) return [];
  const rows = await sql<{ resource_id: string; held: number; attended: number }>`
    select m.resource_id, count(*)::int as held,
      count(*) filter (where exists (
        select 1 from classroom_attendance a join lti_users u on u.id = a.user_id
        where a.meeting_row_id = m.id and a.role = 'viewer' and u.sub = ${sub} and u.platform_id = ${platformId}))::int as attended
    from classroom_meetings m
    where m.platform_id = ${platformId} and m.resource_id in (${sql.join(resourceIds)}) and m.started_at is not null
    group by m.resource_id`.execute(db);
  return rows.rows;
}

/** The latest score of each learner in each of these resources, as a share of its maximum. */
export async function latestGradeShares(db: Db, platformId: string, resourceIds: string[]): Promise<{ resource_id: string; sub: string; share: number }[]> {
  if (!resourceIds.length) return [];
  const rows = await sql<{ resource_id: string; sub: string; share: number }>`
    select distinct on (g.resource_id, g.user_id) g.resource_id, u.sub, g.score_given / nullif(g.score_maximum, 0) as share
    from grade_scores g join lti_users u on u.id = g.user_id
    where g.platform_id = ${platformId} and g.resource_id in (${sql.join(resourceIds)})
    order by g.resource_id, g.user_id, g.seq desc
  `.execute(db);
  return rows.rows.filter((r) => r.share !== null).map((r) => ({ ...r, share: Number(r.share) }));
}
