import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../app-context.js';
import type { Logger } from '../http/logger.js';
import { retryDelayMs } from './job-backoff.js';
import { ProgressWriter } from './job-progress.js';
import { JobAbortedError, type JobAbortReason, type JobHandlerMap, type JobRunContext } from './job-registry.js';
import { claimJobs, endAbandonedJobs, endRun, expireRunningLeases, heldRuns, nextRunAt, renewLeases, saveProgress, type RunEnd } from './job.repository.js';
import type { JobRow } from './job.table.js';

export interface JobWorkerOptions {
  /**
   * What it runs: JOB_HANDLERS (job-handlers.ts) from the composition root (src/context.ts), or
   * tests' handlers under names enqueueJob cannot produce. Given rather than imported: the
   * handlers import features' services, and those enqueue and wake jobs, so importing them
   * here closed an import cycle through every feature that runs jobs.
   */
  handlers: JobHandlerMap;
  concurrency?: number;
  leaseSeconds?: number;
  pollMs?: number;
  retryBaseMs?: number;
  /** How long stop() waits for aborted handlers before giving their jobs back anyway. */
  stopGraceMs?: number;
}

interface Run {
  row: JobRow;
  token: string;
  controller: AbortController;
  reason: JobAbortReason | undefined;
  task: Promise<void>;
}

/**
 * Runs queued jobs: claims as many as it has free slots (`concurrency`), runs their handlers,
 * renews their leases every third of the lease, and records how each run ended (succeeded,
 * retried after a backoff, failed on the last attempt, cancelled, or given back at shutdown).
 * The database is the truth, so any number of workers (in servers and `amphi worker`
 * processes) share one PostgreSQL queue; `wake()` starts new work at once in this process,
 * other processes see it at their next poll.
 */
export class JobWorker {
  readonly workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  private readonly handlers: JobHandlerMap;
  private readonly names: string[];
  private readonly runs = new Map<string, Run>();
  private running = false;
  private loop: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private settings = { concurrency: 1, leaseSeconds: 60, pollMs: 2000, retryBaseMs: 5000, stopGraceMs: 10_000 };

  /** `context` is read at start: the worker is itself part of the context it gives handlers. */
  constructor(
    private readonly context: () => AppContext,
    private readonly options: JobWorkerOptions,
  ) {
    this.handlers = options.handlers;
    this.names = Object.keys(this.handlers);
  }

  private get ctx(): AppContext {
    return this.context();
  }

  private logger: Logger | undefined;
  private get log(): Logger {
    return (this.logger ??= this.ctx.logger.child({ feature: 'jobs' }));
  }

  /** Jobs running in this process now. */
  get activeJobIds(): string[] {
    return [...this.runs.keys()];
  }

  start(): void {
    if (this.running) return;
    const { concurrency, leaseSeconds, pollMs, retryBaseMs } = this.ctx.config.jobs;
    this.settings = { concurrency, leaseSeconds, pollMs, retryBaseMs, stopGraceMs: 10_000, ...definedOnly(this.options) };
    this.running = true;
    this.heartbeat = setInterval(() => void this.renew(), (this.settings.leaseSeconds * 1000) / 3);
    this.heartbeat.unref();
    this.loop = this.run();
  }

  /**
   * Stops claiming; running handlers get their signal aborted and their jobs are given back to
   * the queue (the run is not counted), or recorded as they ended. Call before closing the database.
   */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = undefined;
    for (const run of this.runs.values()) this.abort(run, 'shutdown');
    const settled = Promise.all([...this.runs.values()].map((r) => r.task));
    const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), this.settings.stopGraceMs).unref());
    if ((await Promise.race([settled, grace])) === 'late') {
      // A handler that ignores its signal: its jobs go back now; its late writes are refused (token).
      for (const run of this.runs.values()) await this.end(run, { status: 'released' });
      this.runs.clear();
    }
    clearInterval(this.heartbeat);
  }

  /** New work may be due: claim now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Aborts the job's handler if it runs in this process (cancelJob). */
  cancelLocal(jobId: string): void {
    const run = this.runs.get(jobId);
    if (run) this.abort(run, 'cancel');
  }

  private async run(): Promise<void> {
    const { db, engine } = this.ctx;
    if (engine === 'pglite') {
      const orphans = await expireRunningLeases(db, this.names).catch((err) => this.log.error({ err }, 'job recovery failed'));
      if (orphans) this.log.info({ jobs: orphans }, 'jobs left running by a previous process queued again');
    }
    while (this.running) {
      this.woken = false;
      let wait = this.settings.pollMs;
      try {
        await this.watchRuns();
        const free = this.settings.concurrency - this.runs.size;
        if (free > 0) {
          await endAbandonedJobs(db);
          const claimed = await claimJobs(db, { names: this.names, limit: free, workerId: this.workerId, leaseSeconds: this.settings.leaseSeconds });
          for (const row of claimed) this.startRun(row);
          if (claimed.length === free) continue;
          const due = await nextRunAt(db, this.names);
          if (due) wait = Math.max(0, Math.min(wait, due.getTime() - Date.now()));
        }
      } catch (err) {
        this.log.error({ err }, 'job claim failed');
      }
      if (this.running) await this.sleep(wait);
    }
  }

  private startRun(row: JobRow): void {
    const handler = this.handlers[row.name]!;
    const token = `${this.workerId}#${row.attempts}`;
    const controller = new AbortController();
    const logger = this.log.child({ jobId: row.id, job: row.name, attempt: row.attempts });
    const progress = new ProgressWriter((fraction, label) =>
      saveProgress(this.ctx.db, row.id, token, fraction, label).catch((err) => logger.warn({ err }, 'job progress not written')),
    );
    const runContext: JobRunContext = {
      jobId: row.id,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      isLastAttempt: row.attempts >= row.max_attempts,
      signal: controller.signal,
      reportProgress: (fraction, label) => progress.report(fraction, label),
      logger,
    };
    const run: Run = { row, token, controller, reason: undefined, task: Promise.resolve() };
    this.runs.set(row.id, run);
    logger.info('job started');
    run.task = (async () => {
      let failure: { error: unknown } | undefined;
      try {
        await handler(this.ctx, row.payload, runContext);
      } catch (error) {
        failure = { error };
      }
      await progress.flush();
      const end = this.outcome(run, failure);
      if (end?.status === 'retry' || end?.status === 'failed') this.ctx.metrics.jobFailures.inc({ kind: row.name, outcome: end.status });
      if (end) await this.end(run, end);
      const level = end?.status === 'failed' || end?.status === 'retry' ? 'warn' : 'info';
      logger[level]({ outcome: end?.status ?? 'lost', error: failure ? describe(failure.error) : undefined }, 'job ended');
    })().finally(() => {
      if (this.runs.get(row.id) === run) this.runs.delete(row.id);
      this.wake();
    });
  }

  /** How a run ended, as the queue records it; undefined when the job is no longer ours. */
  private outcome(run: Run, failure: { error: unknown } | undefined): RunEnd | undefined {
    if (run.reason === 'lost') return undefined;
    if (run.reason === 'cancel') return { status: 'cancelled' };
    if (!failure) return { status: 'succeeded' };
    if (run.reason === 'shutdown') return { status: 'released' };
    const error = describe(failure.error);
    if (run.row.attempts >= run.row.max_attempts) return { status: 'failed', error };
    return { status: 'retry', error, runAt: new Date(Date.now() + retryDelayMs(this.settings.retryBaseMs, run.row.attempts)) };
  }

  private async end(run: Run, end: RunEnd): Promise<void> {
    try {
      await endRun(this.ctx.db, run.row.id, run.token, end);
    } catch (err) {
      // The lease ends on its own and another run takes the job again.
      this.log.error({ err, jobId: run.row.id }, 'job end not recorded');
    }
  }

  private abort(run: Run, reason: JobAbortReason): void {
    if (run.reason) return;
    run.reason = reason;
    run.controller.abort(new JobAbortedError(reason));
  }

  /** Cancels asked from elsewhere (another process, the CLI) and leases lost (taken over) abort their handlers. */
  private async watchRuns(): Promise<void> {
    const runs = [...this.runs.values()].filter((r) => !r.reason);
    if (runs.length === 0) return;
    this.apply(runs, await heldRuns(this.ctx.db, runs.map((r) => r.token)));
  }

  private async renew(): Promise<void> {
    const runs = [...this.runs.values()].filter((r) => r.reason !== 'lost');
    if (runs.length === 0) return;
    try {
      this.apply(runs, await renewLeases(this.ctx.db, runs.map((r) => r.token), this.settings.leaseSeconds));
    } catch (err) {
      this.log.warn({ err }, 'job lease renewal failed');
    }
  }

  private apply(runs: Run[], held: { locked_by: string; cancel_requested: boolean }[]): void {
    const byToken = new Map(held.map((h) => [h.locked_by, h]));
    for (const run of runs) {
      const row = byToken.get(run.token);
      if (!row) this.abort(run, 'lost');
      else if (row.cancel_requested) this.abort(run, 'cancel');
    }
  }

  /** Resolves when woken or after `ms`. */
  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
    });
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 4000) || 'Unknown error';
}

function definedOnly(options: JobWorkerOptions) {
  const { handlers: _handlers, ...rest } = options;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<Omit<JobWorkerOptions, 'handlers'>>;
}
