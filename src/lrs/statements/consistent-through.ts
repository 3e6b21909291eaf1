import { performance } from 'node:perf_hooks';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/**
 * X-Experience-API-Consistent-Through (Communication 2.1.3.s2.b5): "the timestamp for which all
 * Statements that have or will have a stored property before that time are known with reasonable
 * certainty to be available for retrieval". A batch's statements become visible when its
 * transaction commits, seconds after its `stored` time for a large one (a 9,000-statement batch is
 * prepared and inserted in slices), so the answer must stay before the `stored` of every batch not
 * yet committed, whichever process stores it, for as long as it takes.
 *
 * Embedded database (PGlite): one process owns it (DESIGN.md), so this process sees every batch.
 * A batch takes `stored` from this clock and registers it here before any of its work; the
 * answer is just before the oldest registered batch, else now.
 *
 * PostgreSQL: several processes may store at once, and none sees another's memory. A batch
 * announces itself where every session of the database reads: the first query of its transaction
 * sets the transaction's application_name (pg_stat_activity, readable by every role) to
 * `amphi lrs store <T>`, T the database's clock in ms, then reads that clock again for `stored`
 * (S ≥ T). A reader answers min(the database's clock when its query starts, every T announced),
 * and asks before it reads statements (statement.resource.ts). For a batch with stored time S:
 * - announced when the reader looks: the answer ≤ T ≤ S;
 * - announced after the reader looked: S was read after the announcement, hence after the
 *   reader's query started, so S ≥ the answer;
 * - announced no more: its transaction has ended, and PostgreSQL restores application_name only
 *   after a commit is visible to others (CommitTransaction: ProcArrayEndTransaction, then
 *   AtEOXact_GUC), so the reader's later queries see its statements (or it rolled back).
 * So no statement stored before the answer is missing from what the reader then reads, however
 * long a batch takes, and `stored` and the answer come from one clock: no margin for the clocks
 * of several servers. An answer also stays true later (a batch it does not hold back was announced
 * after it was taken, so stores after it), which lets one query serve the reads of the next
 * REUSE_MS: reading pg_stat_activity copies every backend's entry (about 1 ms on a busy machine).
 * The cost: one query more per batch, and at most one per REUSE_MS for the answers.
 */
const inFlight = new WeakMap<Db, Map<number, number>>();

const ANNOUNCEMENT = 'amphi lrs store ';
/** How long one PostgreSQL answer serves: the header then lags by at most this much more. */
export const REUSE_MS = 100;
const lastAnswer = new WeakMap<Db, { takenAt: number; answer: Promise<Date> }>();

/** PGlite: registers a batch whose statements are stored at `storedMs` until `done()`. */
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

/**
 * PostgreSQL: the first query of a batch's transaction. Announces the batch (see above) and
 * returns its `stored` time, read after the announcement: the WHERE on the announcement's result
 * makes PostgreSQL set it before it computes the row's `stored`.
 */
export async function announceStoring(trx: Transaction<Database>): Promise<Date> {
  const { rows } = await sql<{ stored: Date }>`
    select clock_timestamp() as stored
    from (select set_config('application_name', ${ANNOUNCEMENT}::text || floor(extract(epoch from clock_timestamp()) * 1000)::bigint::text, true) as tag) announced
    where announced.tag is not null`.execute(trx);
  return rows[0]!.stored;
}

/** The Consistent-Through time, to be taken before the statements it vouches for are read. */
export async function consistentThrough(db: Db, engine: 'pglite' | 'postgres'): Promise<Date> {
  if (engine === 'postgres') return reusedAnswer(db);
  const now = Date.now();
  const batches = inFlight.get(db);
  if (!batches || batches.size === 0) return new Date(now);
  return new Date(Math.min(now, Math.min(...batches.keys()) - 1));
}

/** The answer taken less than REUSE_MS ago (or being taken), else a new one. */
function reusedAnswer(db: Db): Promise<Date> {
  const last = lastAnswer.get(db);
  if (last && performance.now() - last.takenAt < REUSE_MS) return last.answer;
  const answer = consistentThroughOnPostgres(db);
  lastAnswer.set(db, { takenAt: performance.now(), answer });
  // A failed query is not reused: the next reader asks again.
  answer.catch(() => lastAnswer.get(db)?.answer === answer && lastAnswer.delete(db));
  return answer;
}

async function consistentThroughOnPostgres(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date; oldest: string | null }>`
    select statement_timestamp() as now,
      (select min(substr(application_name, ${ANNOUNCEMENT.length + 1})::bigint) from pg_stat_activity
        where datname = current_database() and application_name ~ ${`^${ANNOUNCEMENT}[0-9]{1,15}$`}) as oldest`.execute(db);
  const { now, oldest } = rows[0]!;
  return oldest === null ? now : new Date(Math.min(now.getTime(), Number(oldest)));
}
