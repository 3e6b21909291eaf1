import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';

type Conn = Db | Transaction<Database>;

/** SQL of BBB's callbacks: the meeting a callback names, its end, its recordings, the replay guard. */

export async function findMeetingRow(db: Conn, id: string): Promise<ClassroomMeetingRow | undefined> {
  return db.selectFrom('classroom_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The callback's token, claimed: false when it was processed already (the same JWT sent again).
 * In the transaction of the callback's effects: a failure gives the claim back.
 */
export async function claimCallbackToken(trx: Conn, tokenHash: string, kind: string, expiresAt: Date): Promise<boolean> {
  const row = await trx
    .insertInto('classroom_callback_tokens')
    .values({ token_hash: tokenHash, kind, expires_at: expiresAt })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .returning('token_hash')
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends a live meeting row; the row as it is after (unchanged when it had ended already). */
export async function markMeetingEnded(trx: Conn, id: string, endedAt: Date, reason: string): Promise<{ row: ClassroomMeetingRow; changed: boolean } | undefined> {
  const ended = await trx
    .updateTable('classroom_meetings')
    .set({ state: 'ended', ended_at: endedAt, end_reason: reason })
    .where('id', '=', id)
    .where('state', '<>', 'ended')
    .returningAll()
    .executeTakeFirst();
  if (ended) return { row: ended, changed: true };
  const row = await findMeetingRow(trx, id);
  return row && { row, changed: false };
}

/** A recording BBB said is ready; nothing when it is known already. True when inserted. */
export async function insertReadyRecording(trx: Conn, row: { platformId: string; recordId: string; resourceId: string; meetingRowId: string }): Promise<boolean> {
  const inserted = await trx
    .insertInto('classroom_recordings')
    .values({ platform_id: row.platformId, record_id: row.recordId, resource_id: row.resourceId, meeting_row_id: row.meetingRowId })
    .onConflict((oc) => oc.columns(['platform_id', 'record_id']).doNothing())
    .returning('record_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Housekeeping: replay guards past their token's expiry. */
export async function deleteExpiredCallbackTokens(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('classroom_callback_tokens').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
