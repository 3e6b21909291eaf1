import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { JobName, JobPayloads } from './job-registry.js';
import { deleteFinishedJobs, hasActiveJob, insertJob, requestCancel, requeueJob, selectJob, selectJobs } from './job.repository.js';
import type { JobRow, JobStatus } from './job.table.js';

export type { JobRow, JobStatus };
// Long handlers in features write their progress with it (through this service, not jobs' internals).
export { ProgressWriter } from './job-progress.js';
export { jobQueueStats, type JobKindStats } from './job-stats.repository.js';

export interface EnqueueOptions {
  /** The platform the job works for (tenant scope of cancel/retry; deleted with the platform). */
  platformId?: string;
  /** Higher runs first; 0 by default. */
  priority?: number;
  /** Not before this time. */
  runAt?: Date;
  /** Runs in all, the first included, before the job fails for good (5 by default). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Queues a job. Pass the transaction that writes the entity it works on, so both commit
 * together; after the commit, call `ctx.jobs.wake()` to start it without waiting for a poll.
 */
export function enqueueJob<N extends JobName>(db: Db | Kysely<Database>, name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<JobRow> {
  return insertJob(db, {
    id: crypto.randomUUID(),
    name,
    payload,
    platformId: options.platformId ?? null,
    priority: options.priority ?? 0,
    runAt: options.runAt,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}

/** Queues the job unless one of the same name is already queued or running for the platform; the job, or null. */
export async function enqueueJobUnlessActive<N extends JobName>(db: Db, name: N, payload: JobPayloads[N], platformId: string, options: Omit<EnqueueOptions, 'platformId'> = {}): Promise<JobRow | null> {
  if (await hasActiveJob(db, name, platformId)) return null;
  return enqueueJob(db, name, payload, { ...options, platformId });
}

/**
 * Cancels a job: a queued one at once; a running one has its handler's signal aborted (at once
 * in this process, at the next poll of the worker running it elsewhere), then is cancelled.
 * False when no queued or running job has this id (within `platformId` when given).
 */
export async function cancelJob(ctx: AppContext, jobId: string, platformId?: string): Promise<boolean> {
  const status = await requestCancel(ctx.db, jobId, platformId);
  if (status === 'running') ctx.jobs.cancelLocal(jobId);
  return status !== undefined;
}

/** Queues a failed or cancelled job again with all its attempts. False when there is no such job. */
export async function retryJob(ctx: AppContext, jobId: string, platformId?: string): Promise<boolean> {
  const requeued = await requeueJob(ctx.db, jobId, platformId);
  if (requeued) ctx.jobs.wake();
  return requeued;
}

export function findJob(db: Db, jobId: string): Promise<JobRow | undefined> {
  return selectJob(db, jobId);
}

/** Newest first. */
export function listJobs(db: Db, q: { status?: JobStatus; platformId?: string; limit?: number } = {}): Promise<JobRow[]> {
  return selectJobs(db, { ...q, limit: q.limit ?? 50 });
}

/** How long finished jobs stay listed. */
export const FINISHED_JOB_RETENTION_DAYS = 30;

/** Housekeeping: drops jobs that ended more than 30 days ago. */
export function pruneFinishedJobs(db: Db, now = new Date()): Promise<number> {
  return deleteFinishedJobs(db, new Date(now.getTime() - FINISHED_JOB_RETENTION_DAYS * 86_400_000));
}
