import type { Db } from '../../db/database.js';

/**
 * X-Experience-API-Consistent-Through (Communication 2.1.3): the time up to which a query's
 * results are complete. A batch takes its `stored` time before its transaction commits, so while
 * a batch is in flight, statements with an earlier `stored` may still appear: the answer is just
 * before the oldest batch this process is storing, else now. Other processes' batches (several
 * servers on one PostgreSQL) are not seen from here: `marginMs` keeps the answer that far in the
 * past, longer than a batch's transaction lasts.
 */
const inFlight = new WeakMap<Db, Map<number, number>>();

export function beginStoring(db: Db, storedMs: number): () => void {
  let batches = inFlight.get(db);
  if (!batches) inFlight.set(db, (batches = new Map()));
  batches.set(storedMs, (batches.get(storedMs) ?? 0) + 1);
  return () => {
    const left = (batches.get(storedMs) ?? 1) - 1;
    if (left > 0) batches.set(storedMs, left);
    else batches.delete(storedMs);
  };
}

export function consistentThrough(db: Db, marginMs: number): Date {
  const now = Date.now() - marginMs;
  const batches = inFlight.get(db);
  if (!batches || batches.size === 0) return new Date(now);
  return new Date(Math.min(now, Math.min(...batches.keys()) - 1));
}

/** Only one process opens the embedded database; with PostgreSQL, several may write at once. */
export function consistencyMarginMs(engine: 'pglite' | 'postgres'): number {
  return engine === 'postgres' ? 2000 : 0;
}
