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
  /**
   * The merged [start, end] seconds the server credited (what watchedShare is computed from): the
   * page adds the ones playing now to show the share grow; the credit stays this server's.
   */
  playedSegments: [number, number][];
}

export function toVideoProgress(row: Pick<VideoViewRow, 'position_seconds' | 'watched_share' | 'completed_at' | 'played_segments'>): VideoProgress {
  return {
    positionSeconds: row.position_seconds,
    watchedShare: row.watched_share,
    completed: row.completed_at !== null,
    playedSegments: row.played_segments.map(([a, b]) => [a, b]),
  };
}

export async function findVideoProgress(db: Db, key: VideoViewKey): Promise<VideoProgress | null> {
  const row = await db
    .selectFrom('video_views')
    .select(['position_seconds', 'watched_share', 'completed_at', 'played_segments'])
    .where('platform_id', '=', key.platformId)
    .where('resource_id', '=', key.resourceId)
    .where('user_id', '=', key.userId)
    .executeTakeFirst();
  return row ? toVideoProgress(row) : null;
}

/**
 * The person's watching budget (one for all their videos), created empty if needed and locked
 * until the transaction ends: two requests of the same person (a beacon and a fetch, two tabs,
 * two videos at once) spend it one after the other. Locked before any view row, always: every
 * request takes the budget first and then one view, so two of them never wait on each other in
 * a circle. (PGlite runs one transaction at a time: its requests are serialised anyway.)
 * `now` is the database's clock (the one that dated the launch sessions), at the transaction's start.
 */
export async function lockWatchBudget(trx: Transaction<Database>, key: { platformId: string; userId: string }): Promise<BudgetClock & { now: Date }> {
  await trx
    .insertInto('watch_budgets')
    .values({ platform_id: key.platformId, user_id: key.userId })
    .onConflict((oc) => oc.columns(['platform_id', 'user_id']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('watch_budgets')
    .select(['budget_from', 'session_started_at', 'session_expires_at'])
    .select(sql<Date>`now()`.as('now'))
    .where('platform_id', '=', key.platformId)
    .where('user_id', '=', key.userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { budgetFrom: row.budget_from, sessionStartedAt: row.session_started_at, sessionExpiresAt: row.session_expires_at, now: row.now };
}

export async function saveWatchBudget(trx: Transaction<Database>, key: { platformId: string; userId: string }, clock: BudgetClock): Promise<void> {
  await trx
    .updateTable('watch_budgets')
    .set({ budget_from: clock.budgetFrom, session_started_at: clock.sessionStartedAt, session_expires_at: clock.sessionExpiresAt, updated_at: new Date() })
    .where('platform_id', '=', key.platformId)
    .where('user_id', '=', key.userId)
    .execute();
}

/** The view row, created empty if needed and locked until the transaction ends (after the person's budget: lockWatchBudget). */
export async function lockVideoView(trx: Transaction<Database>, key: VideoViewKey): Promise<VideoViewRow> {
  await trx
    .insertInto('video_views')
    .values({ platform_id: key.platformId, resource_id: key.resourceId, user_id: key.userId })
    .onConflict((oc) => oc.columns(['resource_id', 'user_id']).doNothing())
    .execute();
  return trx
    .selectFrom('video_views')
    .selectAll()
    .where('resource_id', '=', key.resourceId)
    .where('user_id', '=', key.userId)
    .where('platform_id', '=', key.platformId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function saveVideoView(trx: Transaction<Database>, key: VideoViewKey, view: VideoViewState, bestScoreSent: number | null): Promise<void> {
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
