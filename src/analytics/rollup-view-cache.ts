import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * What the dashboards compute from the rollups and the roster only (the cohort of a window, a
 * range's activity sums), kept per process until the rollups or the course's roster change:
 * the platform's watermark moves at most once a refresh (a minute), so the learners of a course
 * opening their dashboards together, or a teacher going from tab to tab, share one computation.
 * Concurrent requests for the same view wait for the same promise.
 */
const caches = new WeakMap<Db, Map<string, { version: string; value: Promise<unknown> }>>();
const MAX_ENTRIES = 500;

export async function cachedRollupView<T>(db: Db, platformId: string, contextId: string, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await rollupVersion(db, platformId, contextId);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const id = `${contextId}\u0000${key}`;
  const hit = cache.get(id);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = compute();
  cache.delete(id);
  cache.set(id, { version, value });
  // Oldest first (insertion order): a bounded memory whatever the number of courses.
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  value.catch(() => {
    if (cache.get(id)?.value === value) cache.delete(id);
  });
  return value;
}

/** The rollups' state for a course: the platform's watermark, and when its roster was last fetched. */
async function rollupVersion(db: Db, platformId: string, contextId: string): Promise<string> {
  // Launches add people to the course (lti_memberships): their count, not their dates, which every launch moves.
  const { rows } = await sql<{ seq: string | null; roster: string | null; launches: string | null }>`
    select (select last_seq::text from analytics_watermarks where platform_id = ${platformId}) as seq,
      (select fetched_at::text from roster_syncs where context_id = ${contextId}) as roster,
      (select count(*)::text from lti_memberships where context_id = ${contextId}) as launches`.execute(db);
  const row = rows[0];
  return `${row?.seq ?? '0'}|${row?.roster ?? ''}|${row?.launches ?? ''}`;
}
