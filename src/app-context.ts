import type { Config } from './config/config.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { Db } from './db/database.js';
import type { Logger } from './http/logger.js';
import type { OutboundHttp } from './http/outbound.js';
import type { ToolKeyCache } from './lti/keys/tool-key.service.js';
import type { PlatformJwksCache } from './lti/launch/platform-jwks.js';
import type { PlatformCache } from './lti/platforms/platform-cache.js';
import type { AccessTokenCache } from './lti/services/access-token.js';
import type { SpeechEngines } from './captions/asr/speech-engines.js';
import type { Metrics } from './metrics/metrics.js';

/*
 * Every feature imports this file, so it imports no module that imports it back: the workers
 * below are described by what services and composition roots call on them, and their classes
 * (grades/score-delivery.ts, lrs/sinks/forwarding-worker.ts, jobs/job-worker.ts) are only
 * named in src/context.ts. The caches above live in modules that do not import AppContext.
 */

/** A loop in this process that the composition root starts and stops. */
export interface BackgroundWorker {
  start(): void;
  /** Resolves once the loop has ended and in-flight work is settled or handed back. */
  stop(): Promise<void>;
  /** Something may be due now: look without waiting for the next poll. */
  wake(): void;
}

/** A worker that can also do everything due now and return (tests, benchmarks). */
export interface DrainableWorker extends BackgroundWorker {
  drain(): Promise<void>;
}

export interface ScoreDelivery extends DrainableWorker {
  /** `lineItemMissing`: a score waits for its line item to be created. */
  wake(options?: { lineItemMissing?: boolean }): void;
}

export interface JobRunner extends BackgroundWorker {
  /** host:pid:random, written into the rows it holds. */
  readonly workerId: string;
  /** Jobs running in this process now. */
  readonly activeJobIds: string[];
  /** Aborts the job's handler if it runs in this process (cancelJob). */
  cancelLocal(jobId: string): void;
}

/** What services receive: settings, the database and the per-process caches. No globals. */
export interface AppContext {
  config: Config;
  db: Db;
  engine: 'pglite' | 'postgres';
  logger: Logger;
  secrets: SecretBox;
  toolKeys: ToolKeyCache;
  platformJwks: PlatformJwksCache;
  platforms: PlatformCache;
  /** The HTTP client for every request to a URL Amphi did not configure itself (address rules, OUTBOUND_ALLOW). */
  outbound: OutboundHttp;
  /** OAuth2 tokens for the platforms' AGS and NRPS services. */
  accessTokens: AccessTokenCache;
  /** Sends the score outbox to the platforms (AGS); recordScore wakes it. */
  scoreDelivery: ScoreDelivery;
  /** Forwards accepted statements to Elasticsearch and/or another LRS (when configured); storeStatements wakes it. */
  lrsForwarding: DrainableWorker;
  /** Runs queued jobs (src/jobs) in this process when started; enqueueJob's caller wakes it after commit. */
  jobs: JobRunner;
  /** Speech recognition per language (src/captions/asr): checked at start where jobs run. */
  speech: SpeechEngines;
  /** This context's Prometheus registry and the handles features record into (src/metrics). */
  metrics: Metrics;
}
