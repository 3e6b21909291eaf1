import type { Config } from './config/config.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { Db } from './db/database.js';
import type { Logger } from './http/logger.js';
import type { OutboundHttp } from './http/outbound.js';
import type { ToolKeyCache } from './lti/keys/tool-key.service.js';
import type { PlatformJwksCache } from './lti/launch/platform-jwks.js';
import type { PlatformCache } from './lti/platforms/platform-cache.js';
import type { AccessTokenCache } from './lti/services/access-token.js';
import type { ScoreDeliveryWorker } from './grades/score-delivery.js';
import type { LrsForwardingWorker } from './lrs/sinks/forwarding-worker.js';
import type { JobWorker } from './jobs/job-worker.js';
import type { SpeechEngines } from './captions/asr/speech-engines.js';

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
  scoreDelivery: ScoreDeliveryWorker;
  /** Forwards accepted statements to Elasticsearch and/or another LRS (when configured); storeStatements wakes it. */
  lrsForwarding: LrsForwardingWorker;
  /** Runs queued jobs (src/jobs) in this process when started; enqueueJob's caller wakes it after commit. */
  jobs: JobWorker;
  /** Speech recognition per language (src/captions/asr): checked at start where jobs run. */
  speech: SpeechEngines;
}
