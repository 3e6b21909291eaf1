import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface JobKindStats {
  kind: string;
  queued: number;
  running: number;
  /** How long the job that has been due longest has waited (0 when none is due). */
  oldestDueSeconds: number;
}

/**
 * The queue per job kind, in one aggregate over the queued and running rows (the partial indexes
 * jobs_due and jobs_leased): for metrics. Queued counts retries waiting for their backoff too.
 */
export async function jobQueueStats(db: Kysely<Database>): Promise<JobKindStats[]> {
  const rows = await db
    .selectFrom('jobs')
    .select([
      'name',
      sql<string>`count(*) filter (where status = 'queued')`.as('queued'),
      sql<string>`count(*) filter (where status = 'running')`.as('running'),
      sql<string | null>`extract(epoch from now() - min(run_at) filter (where status = 'queued' and run_at <= now()))`.as('oldest'),
    ])
    .where('status', 'in', ['queued', 'running'])
    .groupBy('name')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ kind: r.name, queued: Number(r.queued), running: Number(r.running), oldestDueSeconds: Math.max(0, Number(r.oldest ?? 0)) }));
}
