import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { VideoViewRow } from './video-view.table.js';
import type { VideoViewState } from './video-view.js';
import type { BudgetClock } from './watch-budget.js';

export interface VideoViewKey {
  platformId: string;
  resourceId: string;
  userId: string;
}

/** What the player resumes from: a learner's own progress on a video, or null before any statement. */
export interface VideoProgress {
  positionSeconds: number;
  watchedShare: number;
  completed: boolean;
}

export function toVideoProgress(row: Pick<VideoViewRow, 'position_seconds' | 'watched_share' | 'completed_at'>): VideoProgress {
  return { positionSeconds: row.position_seconds, watchedShare: row.watched_share, completed: row.completed_at !== null };
}

export async function findVideoProgress(db: Db, key: VideoViewKey): Promise<VideoProgress | null> {
  const row = await db
    .selectFrom('video_views')
    .select(['position_seconds', 'watched_share', 'completed_at'])
    .where('platform_id', '=', key.platformId)
    .where('resource_id', '=', key.resourceId)
    .where('user_id', '=', key.userId)
    .executeTakeFirst();
  return row ? toVideoProgress(row) : null;
}

/**
 * The view row, created empty if needed and locked until the transaction ends: two requests of
 * the same person (a beacon and a fetch, two tabs) spend the watching budget one after the other.
 * `now` is the database's clock (the one that dated the launch sessions), at the transaction's start.
 */
export async function lockVideoView(trx: Transaction<Database>, key: VideoViewKey): Promise<VideoViewRow & { now: Date }> {
  await trx
    .insertInto('video_views')
    .values({ platform_id: key.platformId, resource_id: key.resourceId, user_id: key.userId })
    .onConflict((oc) => oc.columns(['resource_id', 'user_id']).doNothing())
    .execute();
  return trx
    .selectFrom('video_views')
    .selectAll()
    .select(sql<Date>`now()`.as('now'))
    .where('resource_id', '=', key.resourceId)
    .where('user_id', '=', key.userId)
    .where('platform_id', '=', key.platformId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function saveVideoView(trx: Transaction<Database>, key: VideoViewKey, view: VideoViewState, clock: BudgetClock, bestScoreSent: number | null): Promise<void> {
  await trx
    .updateTable('video_views')
    .set({
      played_segments: JSON.stringify(view.segments),
      position_seconds: view.positionSeconds,
      position_at: view.positionAt,
      watched_share: view.watchedShare,
      completed_at: view.completedAt,
      last_session_id: view.lastSessionId,
      best_score_sent: bestScoreSent,
      budget_from: clock.budgetFrom,
      budget_session_started_at: clock.sessionStartedAt,
      budget_session_expires_at: clock.sessionExpiresAt,
      updated_at: new Date(),
    })
    .where('resource_id', '=', key.resourceId)
    .where('user_id', '=', key.userId)
    .where('platform_id', '=', key.platformId)
    .execute();
}

/** Gives back a score claim the gradebook refused, unless a later request has claimed more since. */
export async function releaseScoreClaim(db: Db, key: VideoViewKey, claimed: number, previous: number | null): Promise<void> {
  await db
    .updateTable('video_views')
    .set({ best_score_sent: previous })
    .where('resource_id', '=', key.resourceId)
    .where('user_id', '=', key.userId)
    .where('platform_id', '=', key.platformId)
    .where('best_score_sent', '=', claimed)
    .execute();
}
