import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The SQL of a person's classroom records (data protection: src/privacy). */

export function findAttendanceRows(db: Db, userId: string) {
  return db.selectFrom('classroom_attendance').selectAll().where('user_id', '=', userId).orderBy('first_joined_at').execute();
}

/** Deletes the person's attendance; recordings they imported stay with the course, no longer naming them. */
export async function deleteAttendanceRows(db: Db, userId: string): Promise<{ classroom_attendance: number; classroom_recordings_importer: number }> {
  const attendance = await db.deleteFrom('classroom_attendance').where('user_id', '=', userId).executeTakeFirst();
  const recordings = await db.updateTable('classroom_recordings').set({ imported_by: null }).where('imported_by', '=', userId).executeTakeFirst();
  return { classroom_attendance: Number(attendance.numDeletedRows), classroom_recordings_importer: Number(recordings.numUpdatedRows) };
}

/** At most `limit` attendance rows of the platform whose person last joined before `cutoff`. */
export async function deleteAttendanceJoinedBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from classroom_attendance where id in (
        select id from classroom_attendance where platform_id = ${platformId} and last_joined_at < ${cutoff} limit ${limit}
      )
      returning 1
    )
    select count(*)::text as n from gone`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
