import type { AppContext } from './app-context.js';
import type { Config } from './config/config.js';
import { SecretBox, loadMasterKey } from './crypto/secret-box.js';
import type { DatabaseHandle } from './db/database.js';
import type { Logger } from './http/logger.js';
import { OutboundHttp } from './http/outbound.js';
import { PlatformJwksCache } from './lti/launch/platform-jwks.js';
import { PlatformCache } from './lti/platforms/platform-cache.js';
import { ToolKeyCache, ensureToolKey } from './lti/keys/tool-key.service.js';
import { AccessTokenCache } from './lti/services/access-token.js';
import { ScoreDeliveryWorker } from './grades/score-delivery.js';
import { LrsForwardingWorker } from './lrs/sinks/forwarding-worker.js';
import { JobWorker } from './jobs/job-worker.js';
import { JOB_HANDLERS } from './jobs/job-handlers.js';
import { createSpeechEngines } from './captions/asr/speech-engines.js';
import { createMetrics } from './metrics/metrics.js';
import { openMediaStorage } from './video/storage/media-storage.js';
// Every process that builds a context can translate every feature's error codes.
import './message-catalogs.js';

/** Builds the context once the database is open and migrated; creates the first tool key. */
export async function createContext(config: Config, database: DatabaseHandle, logger: Logger): Promise<AppContext> {
  const secrets = new SecretBox(loadMasterKey(config.secretKey, config.dataDir));
  // MEDIA_STORAGE: every mediaStorage(config.dataDir) of this process answers with it from now on.
  await openMediaStorage(config);
  const keyDeps = { db: database.db, secrets, retentionDays: config.lti.keyRetentionDays };
  await ensureToolKey(keyDeps);
  const toolKeys = new ToolKeyCache(keyDeps);
  const outbound = new OutboundHttp({ allow: config.outbound.allow });
  const accessTokens = new AccessTokenCache(toolKeys, outbound);
  const metrics = createMetrics();
  const ctx: AppContext = {
    config,
    db: database.db,
    engine: database.engine,
    logger,
    secrets,
    toolKeys,
    platformJwks: new PlatformJwksCache({ outbound, cacheSeconds: config.lti.jwksCacheSeconds, cooldownSeconds: config.lti.jwksCooldownSeconds }),
    platforms: new PlatformCache(database.db),
    outbound,
    accessTokens,
    // Started by startServer / the test app, stopped before the database closes.
    scoreDelivery: new ScoreDeliveryWorker({ db: database.db, engine: database.engine, accessTokens, outbound, logger, config, metrics }),
    lrsForwarding: new LrsForwardingWorker({ db: database.db, engine: database.engine, logger, config, outbound, metrics }),
    // Its handlers receive this context, which holds it: read when it starts.
    jobs: new JobWorker(() => ctx, { handlers: JOB_HANDLERS }),
    // Engines load their models on first use, or at start where jobs run (startServer, amphi worker: speech.check()).
    speech: createSpeechEngines(config.captions),
    metrics,
  };
  return ctx;
}
