import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * What the dashboards compute from the rollups and the roster only (shared-views.ts), kept until
 * the rollups or the course's roster change, at two levels:
 * - in this process: the learners of a course opening their dashboards together, or a teacher
 *   going from tab to tab, share one computation (concurrent requests wait for the same promise);
 * - in the database (analytics_views): every process serves the copy one of them computed, and
 *   the refresh job recomputes the views read lately right after it moved the rollups
 *   (view-warming.ts), so that a dashboard request reads one row instead of a window of rollups.
 */
const caches = new WeakMap<Db, Map<string, MemoryEntry>>();
const MAX_ENTRIES = 500;
/** read_at is written at most this often per view and process: it only tells which views people still read. */
const TOUCH_EVERY_MS = 5 * 60_000;

interface MemoryEntry {
  version: string;
  value: Promise<unknown>;
  touchedAt: number;
}

/** A view's parameters: JSON, with `view` naming what it is. */
export type ViewKeyParams = { view: string } & Record<string, unknown>;

export async function cachedRollupView<T>(db: Db, platformId: string, contextId: string, params: ViewKeyParams, compute: () => Promise<T>): Promise<T> {
  const key = viewKey(params);
  const version = await rollupVersion(db, platformId, contextId);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const id = `${contextId}\u0000${key}`;
  const hit = cache.get(id);
  if (hit && hit.version === version) {
    if (Date.now() - hit.touchedAt > TOUCH_EVERY_MS) {
      hit.touchedAt = Date.now();
      void touch(db, contextId, key).catch(() => undefined);
    }
    return hit.value as Promise<T>;
  }
  const value = fromDatabaseOrCompute(db, { platformId, contextId, key, params, version }, compute);
  cache.delete(id);
  cache.set(id, { version, value, touchedAt: Date.now() });
  // Oldest first (insertion order): a bounded memory whatever the number of courses.
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  value.catch(() => {
    if (cache.get(id)?.value === value) cache.delete(id);
  });
  return value;
}

interface StoredView {
  platformId: string;
  contextId: string;
  key: string;
  params: ViewKeyParams;
  version: string;
}

async function fromDatabaseOrCompute<T>(db: Db, v: StoredView, compute: () => Promise<T>): Promise<T> {
  const stored = await db
    .updateTable('analytics_views')
    .set({ read_at: sql`now()` })
    .where('context_id', '=', v.contextId)
    .where('key', '=', v.key)
    .where('version', '=', v.version)
    .returning('value')
    .executeTakeFirst();
  if (stored) return JSON.parse(stored.value) as T;
  const value = await compute();
  await storeView(db, v, value);
  return value;
}

/** Keeps a computed view for every process (the newest computation wins). */
export async function storeView(db: Db, v: StoredView, value: unknown, readAt?: Date): Promise<void> {
  const row = { platform_id: v.platformId, context_id: v.contextId, key: v.key, params: JSON.stringify(v.params), version: v.version, value: JSON.stringify(value) };
  await db
    .insertInto('analytics_views')
    .values({ ...row, computed_at: sql`now()`, read_at: readAt ?? sql`now()` })
    .onConflict((oc) => oc.columns(['context_id', 'key']).doUpdateSet({ version: row.version, value: row.value, params: row.params, computed_at: sql`now()` }))
    .execute();
}

async function touch(db: Db, contextId: string, key: string): Promise<void> {
  await db.updateTable('analytics_views').set({ read_at: sql`now()` }).where('context_id', '=', contextId).where('key', '=', key).execute();
}

/** The same parameters give the same key, whatever the order their object was written in. */
export function viewKey(params: ViewKeyParams): string {
  return JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k]]));
}

/** The rollups' state for a course: the platform's watermark, and when its roster was last fetched. */
export async function rollupVersion(db: Db, platformId: string, contextId: string): Promise<string> {
  // Launches add people to the course (lti_memberships): their count, not their dates, which every launch moves.
  const { rows } = await sql<{ seq: string | null; roster: string | null; launches: string | null }>`
    select (select last_seq::text from analytics_watermarks where platform_id = ${platformId}) as seq,
      (select fetched_at::text from roster_syncs where context_id = ${contextId}) as roster,
      (select count(*)::text from lti_memberships where context_id = ${contextId}) as launches`.execute(db);
  const row = rows[0];
  return `${row?.seq ?? '0'}|${row?.roster ?? ''}|${row?.launches ?? ''}`;
}
