import fs from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppContext } from '../../app-context.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Logger } from '../../http/logger.js';
import type { OutboundHttp } from '../../http/outbound.js';
import { ElasticsearchSink } from './elasticsearch.sink.js';
import { retryDelayMs, SinkUnavailableError, type ForwardingRetry, type ForwardingSink, type ItemOutcome } from './forwarding-sink.js';
import type { LrsSinksConfig, SinkName } from './sink-config.js';
import { claimOutboxBatch, findAttachmentParts, nextOutboxDueAt, recordOutboxResults, type OutboxItem, type OutboxKey, type OutboxResult } from './sink-outbox.repository.js';
import { XapiLrsSink, type AttachmentLoader } from './xapi-lrs.sink.js';

export interface ForwardingOptions {
  batchSize: number;
  /** How often the outbox is looked at when nothing woke the worker (statements stored by other processes). */
  pollMs: number;
  /** A claimed batch comes back to any worker after this long if its process died. */
  leaseMs: number;
  retry: ForwardingRetry;
  /** Sinks to use instead of the configured ones. */
  sinks?: ForwardingSink[];
}

/** The shortest time between two claims of a sink after a batch: statements arriving meanwhile go in the next batch. */
const CLAIM_GAP_MS = 10;

export type ForwardingWorkerDeps = Pick<AppContext, 'db' | 'engine' | 'logger' | 'outbound'> & Partial<Pick<AppContext, 'metrics'>> & { config: Pick<AppContext['config'], 'lrsSinks' | 'database'> };

/** One loop per sink: sinks fail and recover independently. */
interface SinkLoop {
  sink: ForwardingSink;
  /** Batches in a row the sink took nothing of; the pause after them doubles. */
  failures: number;
  pausedUntil: number;
  woken: boolean;
  /** Ends the current sleep; a wake does not end a pause, a stop does. */
  interrupt?: (byWake: boolean) => void;
}

/**
 * Forwards the outbox (lrs_sink_outbox) to the sinks: a batch per claim and sink, delivered rows
 * deleted. Everything is in the table, so nothing is lost across restarts, and several processes
 * may run one on the same PostgreSQL database. When a sink takes nothing of a batch (down,
 * overloaded), it is left alone for a backoff delay that doubles with each failure, and the batch
 * waits as long: one request per delay while a sink is down, not one per statement.
 */
export class LrsForwardingWorker {
  readonly options: ForwardingOptions;
  private running = false;
  private loops: SinkLoop[] | undefined;
  private runs: Promise<void>[] = [];
  private readonly log: Logger;
  /** On PostgreSQL, while it runs, connections of its own: forwarding does not queue behind a burst of requests. */
  private db: Db;
  private ownDb: Db | undefined;
  /** The Elasticsearch CA, read when the context is built: a wrong path stops Amphi at boot with the reason. */
  private readonly elasticsearchCa: Buffer | undefined;

  constructor(
    private readonly deps: ForwardingWorkerDeps,
    options: Partial<ForwardingOptions> = {},
  ) {
    const sinks = deps.config.lrsSinks;
    this.options = {
      batchSize: options.batchSize ?? sinks.batchSize,
      pollMs: options.pollMs ?? 1000,
      leaseMs: options.leaseMs ?? 120_000,
      retry: options.retry ?? { baseDelayMs: sinks.retryBaseMs, maxDelayMs: sinks.retryMaxMs },
      sinks: options.sinks,
    };
    this.log = deps.logger.child({ feature: 'lrs-forwarding' });
    this.db = deps.db;
    const caFile = sinks.elasticsearch?.caFile;
    this.elasticsearchCa = caFile && !options.sinks ? fs.readFileSync(caFile) : undefined;
  }

  /** Starts a loop per sink; without sinks, does nothing. */
  start(): void {
    if (this.running) return;
    const loops = this.ensureLoops();
    if (loops.length === 0) return;
    this.running = true;
    const url = this.deps.engine === 'postgres' ? this.deps.config.database.url : undefined;
    if (url) {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      pool.on('error', (err) => this.log.warn({ err }, 'forwarding connection lost'));
      this.db = this.ownDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    }
    this.runs = loops.map((loop) => this.run(loop));
  }

  /** Stops claiming, lets the batches under way end and records them. Call before closing the database. */
  async stop(): Promise<void> {
    this.running = false;
    for (const loop of this.loops ?? []) loop.interrupt?.(false);
    await Promise.all(this.runs);
    this.runs = [];
    await Promise.all((this.loops ?? []).map((loop) => loop.sink.close().catch((err) => this.log.warn({ err }, 'sink not closed'))));
    this.loops = undefined;
    await this.ownDb?.destroy();
    this.ownDb = undefined;
    this.db = this.deps.db;
  }

  /** Statements were committed: claim now rather than at the next poll. */
  wake(): void {
    for (const loop of this.loops ?? []) {
      loop.woken = true;
      loop.interrupt?.(true);
    }
  }

  /**
   * Forwards everything due now, to every sink, then returns (pauses are ignored; what fails gets
   * its retry time and is left). A row claimed twice in one drain ends it: it would come back forever.
   */
  async drain(): Promise<void> {
    for (const loop of this.ensureLoops()) {
      const seen = new Set<string>();
      for (;;) {
        const batch = await this.claim(loop);
        if (batch.items.length + batch.gone.length === 0) break;
        await this.deliver(loop, batch);
        const keys = [...batch.items, ...batch.gone].map((i) => `${i.platformId}/${i.statementId}`);
        if (keys.every((k) => seen.has(k))) break;
        for (const k of keys) seen.add(k);
      }
    }
  }

  private ensureLoops(): SinkLoop[] {
    const load: AttachmentLoader = (platformId, sha2s) => findAttachmentParts(this.db, platformId, sha2s);
    this.loops ??= (this.options.sinks ?? createSinks(this.deps.config.lrsSinks, load, this.deps.outbound, this.elasticsearchCa)).map((sink) => ({ sink, failures: 0, pausedUntil: 0, woken: false }));
    return this.loops;
  }

  private async run(loop: SinkLoop): Promise<void> {
    while (this.running) {
      const pause = loop.pausedUntil - Date.now();
      if (pause > 0) {
        await this.sleep(loop, pause, false);
        continue;
      }
      loop.woken = false;
      let claimed = 0;
      try {
        const batch = await this.claim(loop);
        claimed = batch.items.length + batch.gone.length;
        await this.deliver(loop, batch);
      } catch (err) {
        this.log.error({ err, sink: loop.sink.name }, 'forwarding outbox claim failed');
        await this.sleep(loop, this.options.pollMs, false);
        continue;
      }
      if (claimed >= this.options.batchSize) continue;
      if (claimed > 0) {
        await this.sleep(loop, CLAIM_GAP_MS, false);
        continue;
      }
      if (!loop.woken) await this.sleep(loop, await this.untilNextDue(loop), true);
    }
  }

  private claim(loop: SinkLoop): Promise<{ items: OutboxItem[]; gone: OutboxKey[] }> {
    return claimOutboxBatch(this.db, loop.sink.name, { limit: this.options.batchSize, leaseMs: this.options.leaseMs });
  }

  /** Sends a claimed batch and records what became of each statement (rows whose statement is gone are dropped). */
  private async deliver(loop: SinkLoop, { items, gone }: { items: OutboxItem[]; gone: OutboxKey[] }): Promise<void> {
    const sink = loop.sink.name;
    const dropped: OutboxResult[] = gone.map((key) => ({ ...key, outcome: 'delivered' }));
    if (items.length === 0) {
      await this.record(sink, dropped);
      return;
    }
    let outcomes: ItemOutcome[];
    try {
      outcomes = await loop.sink.deliver(items);
    } catch (err) {
      const reason = err instanceof SinkUnavailableError ? err.reason : err instanceof Error ? err.message : String(err);
      outcomes = items.map(() => ({ kind: 'retry', reason }));
      this.pauseAfterFailure(loop, err instanceof SinkUnavailableError ? err.retryAfterMs : undefined);
      this.log.warn({ err, sink, statements: items.length, failures: loop.failures, retryAt: new Date(loop.pausedUntil) }, 'forwarding target unavailable');
    }
    if (outcomes.some((o) => o.kind !== 'retry')) loop.failures = 0;
    else if (loop.pausedUntil <= Date.now()) this.pauseAfterFailure(loop, undefined);
    const results = items.map((item, n) => this.result(loop, item, outcomes[n] ?? { kind: 'retry', reason: 'no outcome' }));
    this.logOutcomes(sink, items, outcomes);
    for (const r of results) if (r.outcome !== 'delivered') this.deps.metrics?.lrsForwardingFailures.inc({ sink, outcome: r.outcome });
    await this.record(sink, [...dropped, ...results]);
  }

  private async record(sink: SinkName, results: OutboxResult[]): Promise<void> {
    try {
      await recordOutboxResults(this.db, sink, results);
    } catch (err) {
      // The lease ends and the batch is sent again: the statement id is the key at every sink.
      this.log.error({ err, sink, statements: results.length }, 'forwarding results not recorded');
    }
  }

  private result(loop: SinkLoop, item: OutboxItem, outcome: ItemOutcome): OutboxResult {
    const key = { platformId: item.platformId, statementId: item.statementId, attempts: item.attempts };
    if (outcome.kind === 'delivered') return { ...key, outcome: 'delivered' };
    if (outcome.kind === 'fail') return { ...key, outcome: 'failed', error: outcome.reason };
    const retryAt = Math.max(loop.pausedUntil, Date.now() + retryDelayMs(this.options.retry, item.attempts));
    return { ...key, outcome: 'retry', retryAt: new Date(retryAt), error: outcome.reason };
  }

  private pauseAfterFailure(loop: SinkLoop, retryAfter: number | undefined): void {
    loop.failures++;
    loop.pausedUntil = Date.now() + retryDelayMs(this.options.retry, loop.failures, retryAfter);
  }

  private logOutcomes(sink: string, items: OutboxItem[], outcomes: ItemOutcome[]): void {
    const refused = items.flatMap((item, n) => (outcomes[n]?.kind === 'fail' ? [{ platformId: item.platformId, statementId: item.statementId, reason: (outcomes[n] as { reason: string }).reason }] : []));
    if (refused.length) this.log.error({ sink, refused: refused.length, examples: refused.slice(0, 3) }, 'statements refused by forwarding target');
    const warned = items.flatMap((item, n) => {
      const o = outcomes[n];
      return o?.kind === 'delivered' && o.warning ? [{ platformId: item.platformId, statementId: item.statementId, warning: o.warning }] : [];
    });
    if (warned.length) this.log.warn({ sink, statements: warned.length, examples: warned.slice(0, 3) }, 'statements counted as delivered');
  }

  private async untilNextDue(loop: SinkLoop): Promise<number> {
    const due = await nextOutboxDueAt(this.db, loop.sink.name).catch(() => undefined);
    if (!due) return this.options.pollMs;
    return Math.min(this.options.pollMs, Math.max(CLAIM_GAP_MS, due.getTime() - Date.now()));
  }

  private sleep(loop: SinkLoop, ms: number, wakeable: boolean): Promise<void> {
    if (!this.running || (wakeable && loop.woken)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        loop.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      loop.interrupt = (byWake) => {
        if (!byWake || wakeable) done();
      };
    });
  }
}

/** The configured sinks, in a fixed order. */
export function createSinks(config: LrsSinksConfig, loadAttachments: AttachmentLoader, outbound: OutboundHttp, elasticsearchCa?: Buffer): ForwardingSink[] {
  const sinks: ForwardingSink[] = [];
  if (config.elasticsearch) sinks.push(new ElasticsearchSink(config.elasticsearch, elasticsearchCa));
  if (config.xapi) sinks.push(new XapiLrsSink(config.xapi, loadAttachments, outbound));
  return sinks;
}
