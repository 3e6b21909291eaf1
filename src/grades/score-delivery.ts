import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { deliverScore } from './deliver-score.js';
import { resolveLineItem } from './line-item.service.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { claimWork, nextDueAt, recordDeliveries, type ClaimedGroup, type DeliveryResult } from './score-outbox.repository.js';

export interface ScoreDeliveryOptions {
  /** Deliveries (and line item creations) at once in this process. */
  concurrency: number;
  /** How often the outbox is looked at when nothing woke the worker (scores recorded by other processes). */
  pollMs: number;
  /** A claimed score comes back to any worker after this long if its process died. */
  leaseMs: number;
  retry: RetryPolicy;
}

/** Line item groups resolved per claim, at most: a course's first scores need one or two. */
const MAX_GROUPS_PER_CLAIM = 4;
/** The shortest time between two claims (what a score may wait to be batched with the next ones). */
const CLAIM_GAP_MS = 10;

export type DeliveryDeps = Pick<AppContext, 'db' | 'engine' | 'accessTokens' | 'outbound' | 'logger'> & Partial<Pick<AppContext, 'config' | 'metrics'>>;

/**
 * Delivers the score outbox to the platforms (AGS score publish service). Everything it knows is
 * in grade_scores, so it survives restarts, and several processes may run one against the same
 * PostgreSQL database. recordScore wakes it in this process; otherwise it looks every `pollMs`, or
 * sooner when a retry falls due. Results are written in batches (one statement for the deliveries
 * that ended meanwhile), and each batch frees its learners' next scores.
 */
export class ScoreDeliveryWorker {
  readonly options: ScoreDeliveryOptions;
  private running = false;
  private loop: Promise<void> | undefined;
  private inFlight = 0;
  private readonly tasks = new Set<Promise<void>>();
  private results: DeliveryResult[] = [];
  private flushing: Promise<void> | undefined;
  private woken = false;
  private groupsDue = true;
  private lastClaim = { endedAt: 0, tookMs: 0 };
  private wakeUp: (() => void) | undefined;
  private readonly log;
  /** The worker's database: on PostgreSQL, two connections of its own while it runs (see start). */
  private db: Db;
  private ownDb: Db | undefined;

  constructor(
    private readonly ctx: DeliveryDeps,
    options: Partial<ScoreDeliveryOptions> = {},
  ) {
    const grades = ctx.config?.grades;
    this.options = {
      concurrency: options.concurrency ?? grades?.concurrency ?? 16,
      pollMs: options.pollMs ?? 1000,
      leaseMs: options.leaseMs ?? 60_000,
      retry: options.retry ?? { ...DEFAULT_RETRY_POLICY, ...(grades ? { baseDelayMs: grades.retryBaseMs, maxAttempts: grades.maxAttempts } : {}) },
    };
    this.log = ctx.logger.child({ feature: 'grades' });
    this.db = ctx.db;
  }

  /**
   * On PostgreSQL the worker claims and records through two connections of its own (on top of
   * DATABASE_POOL_SIZE): when a burst of requests fills the shared pool's queue, deliveries go on
   * instead of waiting behind every query of the burst.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    const url = this.ctx.engine === 'postgres' ? this.ctx.config?.database.url : undefined;
    if (url) {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      pool.on('error', (err) => this.log.warn({ err }, 'score delivery connection lost'));
      this.db = this.ownDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    }
    this.loop = this.run();
  }

  /** Stops claiming, lets the deliveries under way end and records them. Call before closing the database. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = undefined;
    await this.settle();
    await this.ownDb?.destroy();
    this.ownDb = undefined;
    this.db = this.ctx.db;
  }

  /** Something may be due now: look without waiting for the poll (`lineItemMissing`: a score waits for its line item). */
  wake(options: { lineItemMissing?: boolean } = {}): void {
    if (options.lineItemMissing) this.groupsDue = true;
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Delivers everything deliverable now, and what that makes deliverable (a learner's next score,
   * scores whose line item was just created), then returns. Retries that fall due later are left.
   */
  async drain(): Promise<void> {
    this.groupsDue = true;
    for (;;) {
      const claimed = await this.claimAndStart();
      if (claimed === 0 && this.inFlight === 0) return;
      await this.settle();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.pace();
      this.woken = false;
      let claimed = 0;
      try {
        claimed = await this.claimAndStart();
      } catch (err) {
        this.log.error({ err }, 'score outbox claim failed');
        await this.sleep(this.options.pollMs);
        continue;
      }
      if (!this.running) break;
      const free = this.options.concurrency - this.inFlight;
      if (this.woken || (claimed > 0 && free > 0)) continue;
      const wait = free > 0 ? await this.untilNextDue() : this.options.pollMs;
      if (!(await this.sleep(wait))) this.groupsDue = true;
    }
  }

  /** Claims as much work as there are free slots and starts it; returns how much was claimed. */
  private async claimAndStart(): Promise<number> {
    const slots = this.options.concurrency - this.inFlight;
    if (slots <= 0) return 0;
    // Scores waiting for a line item are rare: looked for when told of one, and at each poll.
    const maxGroups = this.groupsDue ? MAX_GROUPS_PER_CLAIM : 0;
    this.groupsDue = false;
    const startedAt = performance.now();
    const { groups, scores } = await claimWork(this.db, { slots, maxGroups, leaseMs: this.options.leaseMs, serialize: this.ctx.engine !== 'pglite' });
    this.lastClaim = { endedAt: performance.now(), tookMs: performance.now() - startedAt };
    if (groups.length === maxGroups && maxGroups > 0) this.groupsDue = true;
    for (const group of groups) this.track(this.resolve(group));
    for (const score of scores) this.track(deliverScore(this.ctx, score, this.options.retry, this.log).then((result) => this.record(result)));
    return groups.length + scores.length;
  }

  /**
   * A claim is one query, and planning and running it costs a few milliseconds (PGlite: on this
   * thread): the next one comes at least CLAIM_GAP_MS, and as long as the last one took, after it.
   * A stream of scores is then claimed in batches, and claims never take more than half the time.
   */
  private async pace(): Promise<void> {
    const wait = this.lastClaim.endedAt + Math.max(CLAIM_GAP_MS, this.lastClaim.tookMs) - performance.now();
    if (wait > 0 && this.running) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private track(task: Promise<void>): void {
    this.inFlight++;
    const tracked = task
      .catch((err) => this.log.error({ err }, 'score delivery task failed'))
      .finally(() => {
        this.inFlight--;
        this.tasks.delete(tracked);
        this.wake();
      });
    this.tasks.add(tracked);
  }

  private async resolve(group: ClaimedGroup): Promise<void> {
    await resolveLineItem({ ...this.ctx, db: this.db }, group, this.options.retry);
  }

  /** Queues a result; the task ends once it is written, so its slot and its learner are freed together. */
  private async record(result: DeliveryResult): Promise<void> {
    this.ctx.metrics?.gradeDeliveries.inc({ outcome: result.status === 'pending' ? 'retry' : result.status });
    this.results.push(result);
    while (this.results.includes(result)) {
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
      await this.flushing;
    }
  }

  private async flush(): Promise<void> {
    const batch = this.results;
    this.results = [];
    try {
      await recordDeliveries(this.db, batch);
    } catch (err) {
      // The leases end on their own and the scores are delivered again: scores are idempotent.
      this.log.error({ err, scores: batch.length }, 'delivery results not recorded');
    }
  }

  private async settle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  private async untilNextDue(): Promise<number> {
    const due = await nextDueAt(this.db).catch(() => undefined);
    const wait = due ? due.getTime() - Date.now() : Number.POSITIVE_INFINITY;
    // Due already but not claimable (in flight elsewhere): look again at the next poll.
    return wait > 0 ? Math.min(this.options.pollMs, wait) : this.options.pollMs;
  }

  /** Resolves true when woken, false when the time ran out. */
  private sleep(ms: number): Promise<boolean> {
    if (this.woken || !this.running) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve(woken);
      };
      const timer = setTimeout(() => done(false), ms);
      this.wakeUp = () => done(true);
    });
  }
}
