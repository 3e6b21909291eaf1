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

export interface AttendanceSums {
  attended: number;
  /** Minutes are rounded to a tenth per attendance, then added (what a teacher adds up by hand). */
  minutes: number;
  talk_minutes: number;
  chats: number;
  raised_hands: number;
  poll_votes: number;
}

/**
 * The learners' attendance of these sessions, summed by the database (a term of weekly sessions
 * of 2,000 learners is ~20,000 rows): per session (learners present, and how many of them are
 * among `rosterUserIds`), and per learner (sessions attended). Participants only (BBB viewers),
 * never the `excludedUserIds` (the course's staff, members the roster says left). People are
 * lti_users ids: whoever attended launched, so has one.
 */
export async function attendanceSums(db: Db, meetingRowIds: string[], excludedUserIds: string[], rosterUserIds: string[]) {
  if (!meetingRowIds.length) return { perSession: [], perLearner: [] };
  // One attendance row per person and meeting (0010_classroom), so counting rows counts people;
  // both sums in one pass (grouping sets), the sub looked up for the learners' rows only.
  const rows = await sql<AttendanceSums & { meeting_row_id: string | null; user_id: string | null; sub: string | null; present_in_roster: number }>`
    with a as (
      select meeting_row_id, user_id, user_id = any(${rosterUserIds}::text[]) as in_roster,
        -- Tenths of a minute, halves up (as Math.round): floats, not numerics, for 20,000 rows.
        coalesce(floor(duration_seconds::float8 / 6 + 0.5) / 10, 0) as minutes, coalesce(floor(talk_time_seconds::float8 / 6 + 0.5) / 10, 0) as talk,
        coalesce(chats, 0) as chats, coalesce(raised_hands, 0) as hands, coalesce(poll_votes, 0) as polls
      from classroom_attendance
      where meeting_row_id = any(${meetingRowIds}::uuid[]) and role = 'viewer' and user_id <> all(${excludedUserIds}::text[])
    ), g as (
      select meeting_row_id, user_id, count(*)::int as attended, (count(*) filter (where in_roster))::int as present_in_roster,
        sum(minutes)::float8 as minutes, sum(talk)::float8 as talk_minutes, sum(chats)::int as chats, sum(hands)::int as raised_hands, sum(polls)::int as poll_votes
      from a group by grouping sets ((meeting_row_id), (user_id))
    )
    select g.meeting_row_id::text as meeting_row_id, g.user_id, u.sub, g.attended, g.present_in_roster, g.minutes, g.talk_minutes, g.chats, g.raised_hands, g.poll_votes
    from g left join lti_users u on u.id = g.user_id`.execute(db);
  return {
    perSession: rows.rows.filter((r) => r.meeting_row_id !== null).map((r) => ({ ...r, meeting_row_id: r.meeting_row_id!, present: r.attended })),
    perLearner: rows.rows.filter((r) => r.user_id !== null && r.sub !== null).map((r) => ({ ...r, sub: r.sub! })),
  };
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
  const rows = await sql<{ resource_id: string; sub: string; share: number | null }>`
    select g.resource_id, u.sub, g.score_given / nullif(g.score_maximum, 0) as share
    from (${latestScoreSeqs(platformId, resourceIds)}) l join grade_scores g on g.seq = l.seq join lti_users u on u.id = g.user_id`.execute(db);
  return rows.rows.filter((r) => r.share !== null).map((r) => ({ ...r, share: Number(r.share) }));
}

/** Per learner: the mean of their latest scores' shares over these resources, and how many they have. */
export async function meanLatestGradeShares(db: Db, platformId: string, resourceIds: string[]): Promise<Map<string, { mean: number; n: number }>> {
  if (!resourceIds.length) return new Map();
  const rows = await sql<{ sub: string; mean: number; n: number }>`
    select u.sub, avg(g.score_given / g.score_maximum)::float8 as mean, count(*)::int as n
    from (${latestScoreSeqs(platformId, resourceIds)}) l join grade_scores g on g.seq = l.seq join lti_users u on u.id = g.user_id
    where g.score_maximum > 0 and g.score_given is not null
    group by u.sub`.execute(db);
  return new Map(rows.rows.map((r) => [r.sub, { mean: Number(r.mean), n: r.n }]));
}

/** Each learner's latest score in each resource: grouped by hash, not sorted (a sort of text keys costs more than the rest). */
function latestScoreSeqs(platformId: string, resourceIds: string[]) {
  return sql`select max(seq) as seq from grade_scores where platform_id = ${platformId} and resource_id in (${sql.join(resourceIds)}) group by resource_id, user_id`;
}
