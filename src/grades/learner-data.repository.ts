import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** The SQL of a person's scores, sent or waiting in the outbox (data protection: src/privacy). */

export function findScoreRows(db: Db, userId: string) {
  return db
    .selectFrom('grade_scores')
    .select(['id', 'resource_id', 'resource_link_id', 'line_item_id', 'score_given', 'score_maximum', 'activity_progress', 'grading_progress', 'comment', 'score_timestamp', 'status', 'sent_at', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('seq')
    .execute();
}

export async function deleteScoreRows(db: Db, userId: string): Promise<{ grade_scores: number }> {
  const scores = await db.deleteFrom('grade_scores').where('user_id', '=', userId).executeTakeFirst();
  return { grade_scores: Number(scores.numDeletedRows) };
}

/** At most `limit` settled scores (not waiting for delivery) of the platform recorded before `cutoff`. */
export async function deleteSettledScoresBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from grade_scores where seq in (
        select seq from grade_scores where platform_id = ${platformId} and status <> 'pending' and created_at < ${cutoff} limit ${limit}
      )
      returning 1
    )
    select count(*)::text as n from gone`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
