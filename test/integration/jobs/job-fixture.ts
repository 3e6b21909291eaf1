import crypto from 'node:crypto';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { AppContext } from '../../../src/app-context.js';
import type { Db } from '../../../src/db/database.js';
import type { JobHandlerMap } from '../../../src/jobs/job-registry.js';
import { insertJob } from '../../../src/jobs/job.repository.js';
import { findJob, type JobRow } from '../../../src/jobs/job.service.js';
import { JobWorker, type JobWorkerOptions } from '../../../src/jobs/job-worker.js';
import { eventually } from '../../support/factories.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * Jobs under test-only names: enqueueJob only takes the production names (JobName), so tests
 * insert through the repository, and run them with workers given test handlers.
 */
export function insertTestJob(db: Db, name: string, payload: unknown = {}, options: { runAt?: Date; maxAttempts?: number; priority?: number } = {}): Promise<JobRow> {
  return insertJob(db, { id: crypto.randomUUID(), name, payload, platformId: null, priority: options.priority ?? 0, runAt: options.runAt, maxAttempts: options.maxAttempts ?? 5 });
}

/** A promise to resolve from outside. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export interface JobsFixture {
  readonly app: TestApp;
  /** A started worker with these handlers, in a context of its own whose `jobs` it is (cancelJob reaches it at once). */
  worker(handlers: JobHandlerMap, options?: Omit<JobWorkerOptions, 'handlers'>, base?: AppContext): { worker: JobWorker; ctx: AppContext };
  /** Waits until the job has this status; returns its row. */
  until(jobId: string, status: JobRow['status'], db?: Db): Promise<JobRow>;
}

/** One Amphi (PGlite in memory or PostgreSQL) for the file; clean tables and no test worker left between tests. */
export function useJobs(env: Record<string, string> = {}): JobsFixture {
  let app: TestApp | undefined;
  const workers: JobWorker[] = [];
  before(async () => {
    app = await startTestApp(env);
  });
  after(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await app!.reset();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  return {
    get app() {
      return app!;
    },
    worker(handlers, options = {}, base = app!.ctx) {
      const ctx: AppContext = { ...base };
      const worker = new JobWorker(() => ctx, { pollMs: 50, leaseSeconds: 5, retryBaseMs: 20, stopGraceMs: 2000, ...options, handlers });
      ctx.jobs = worker;
      workers.push(worker);
      worker.start();
      return { worker, ctx };
    },
    until(jobId, status, db = app!.ctx.db) {
      return eventually(`job ${jobId} ${status}`, async () => {
        const row = await findJob(db, jobId);
        return row?.status === status ? row : undefined;
      }, 20_000);
    },
  };
}
