import { sql, type Kysely } from 'kysely';

/**
 * The outbox is read per (line item, learner) on every claim: the newest score, the last one sent,
 * the ones waiting or in flight. Without these indexes each claim reads the whole grade_scores
 * table; with them, a claim costs the same however long the history of sent scores grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index grade_scores_line_item_user on grade_scores (line_item_id, user_id, seq);
    create index grade_scores_pending_line_item_user on grade_scores (line_item_id, user_id, seq) where status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index grade_scores_pending_line_item_user; drop index grade_scores_line_item_user;`.execute(db);
}
