import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { ClassroomAttendanceRow, ClassroomMeetingRow } from '../classroom.table.js';

type Conn = Db | Transaction<Database>;

/** SQL of attendance: what BBB's analytics reported per person and meeting, and the attendance grade's bookkeeping. */

export interface PlatformUser {
  id: string;
  sub: string;
  name: string | null;
  email: string | null;
}

/** The platform's users with these `sub`s (BBB's ext_user_id is the LTI sub Amphi joined them with). */
export async function findUsersBySub(db: Conn, platformId: string, subs: string[]): Promise<PlatformUser[]> {
  if (!subs.length) return [];
  return db.selectFrom('lti_users').select(['id', 'sub', 'name', 'email']).where('platform_id', '=', platformId).where('sub', 'in', subs).execute();
}

export async function findUser(db: Conn, id: string): Promise<PlatformUser | undefined> {
  return db.selectFrom('lti_users').select(['id', 'sub', 'name', 'email']).where('id', '=', id).executeTakeFirst();
}

export interface ReportedAttendance {
  userId: string;
  role: 'moderator' | 'viewer';
  firstJoinedAt: Date;
  lastJoinedAt: Date;
  leftAt: Date | null;
  joinCount: number;
  durationSeconds: number;
  talkTimeSeconds: number;
  chats: number;
  raisedHands: number;
  pollVotes: number;
  emojis: number;
}

/**
 * A person's attendance as BBB reported it: completes the row the join wrote (its role and
 * activity stay), or creates it (someone who joined without Amphi seeing it, e.g. before an
 * upgrade). BBB's times replace the join click's: they are when the person was in the room.
 */
export async function saveReportedAttendance(trx: Conn, meeting: Pick<ClassroomMeetingRow, 'id' | 'platform_id' | 'resource_id'>, a: ReportedAttendance, reportedAt: Date): Promise<void> {
  await trx
    .insertInto('classroom_attendance')
    .values({
      id: crypto.randomUUID(),
      platform_id: meeting.platform_id,
      resource_id: meeting.resource_id,
      meeting_row_id: meeting.id,
      user_id: a.userId,
      role: a.role,
      first_joined_at: a.firstJoinedAt,
      last_joined_at: a.lastJoinedAt,
      join_count: a.joinCount,
      left_at: a.leftAt,
      duration_seconds: a.durationSeconds,
      talk_time_seconds: a.talkTimeSeconds,
      chats: a.chats,
      raised_hands: a.raisedHands,
      poll_votes: a.pollVotes,
      emojis: a.emojis,
      reported_at: reportedAt,
    })
    .onConflict((oc) =>
      oc.columns(['meeting_row_id', 'user_id']).doUpdateSet((eb) => ({
        first_joined_at: eb.ref('excluded.first_joined_at'),
        last_joined_at: sql<Date>`greatest(classroom_attendance.last_joined_at, excluded.last_joined_at)`,
        join_count: sql<number>`greatest(classroom_attendance.join_count, excluded.join_count)`,
        left_at: eb.ref('excluded.left_at'),
        duration_seconds: eb.ref('excluded.duration_seconds'),
        talk_time_seconds: eb.ref('excluded.talk_time_seconds'),
        chats: eb.ref('excluded.chats'),
        raised_hands: eb.ref('excluded.raised_hands'),
        poll_votes: eb.ref('excluded.poll_votes'),
        emojis: eb.ref('excluded.emojis'),
        reported_at: eb.ref('excluded.reported_at'),
      })),
    )
    .execute();
}

export interface AttendanceTotals {
  userId: string;
  seconds: number;
  /** Meetings BBB reported them in (or, before any report, joined). */
  sessions: number;
  bestScoreSent: number | null;
  /** Their latest activity (gradebook column) for this classroom. */
  resourceLinkId: string | null;
}

/** Per person, over every meeting of the classroom: time attended, sessions, the best grade sent. */
export async function findAttendanceTotals(db: Conn, platformId: string, resourceId: string, userIds?: string[]): Promise<AttendanceTotals[]> {
  if (userIds && !userIds.length) return [];
  let query = db
    .selectFrom('classroom_attendance')
    .select((eb) => [
      'user_id',
      eb.fn.coalesce(eb.fn.sum<number>('duration_seconds'), sql<number>`0`).as('seconds'),
      eb.fn.countAll<number>().as('sessions'),
      eb.fn.max('score_sent').as('best'),
      sql<string | null>`(array_agg(resource_link_id order by last_joined_at desc) filter (where resource_link_id is not null))[1]`.as('link'),
    ])
    .where('platform_id', '=', platformId)
    .where('resource_id', '=', resourceId)
    .groupBy('user_id');
  if (userIds) query = query.where('user_id', 'in', userIds);
  const rows = await query.execute();
  return rows.map((r) => ({ userId: r.user_id, seconds: Number(r.seconds), sessions: Number(r.sessions), bestScoreSent: r.best === null ? null : Number(r.best), resourceLinkId: r.link }));
}

export async function findScoreSent(db: Conn, meetingRowId: string, userId: string): Promise<number | null> {
  const row = await db.selectFrom('classroom_attendance').select('score_sent').where('meeting_row_id', '=', meetingRowId).where('user_id', '=', userId).executeTakeFirst();
  return row?.score_sent ?? null;
}

/** The grade this meeting's row carries as sent (the claim), set or given back. */
export async function setScoreSent(db: Conn, meetingRowId: string, userId: string, score: number | null): Promise<void> {
  await db.updateTable('classroom_attendance').set({ score_sent: score }).where('meeting_row_id', '=', meetingRowId).where('user_id', '=', userId).execute();
}

export type AttendanceWithName = ClassroomAttendanceRow & { user_name: string | null; user_sub: string };

/** Every attendance row of the classroom, with the person's name, oldest meeting first. */
export async function listClassroomAttendance(db: Conn, platformId: string, resourceId: string): Promise<AttendanceWithName[]> {
  return db
    .selectFrom('classroom_attendance as a')
    .innerJoin('lti_users as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select(['u.name as user_name', 'u.sub as user_sub'])
    .where('a.platform_id', '=', platformId)
    .where('a.resource_id', '=', resourceId)
    .orderBy('a.first_joined_at')
    .execute();
}

export async function listClassroomMeetings(db: Conn, platformId: string, resourceId: string): Promise<ClassroomMeetingRow[]> {
  return db
    .selectFrom('classroom_meetings')
    .selectAll()
    .where('platform_id', '=', platformId)
    .where('resource_id', '=', resourceId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Serialises, until `trx` ends, the grade claims of one learner in one classroom (claimScore). */
export async function lockLearnerGrade(trx: Transaction<Database>, resourceId: string, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`attendance-grade:${resourceId}:${userId}`}))`.execute(trx);
}
