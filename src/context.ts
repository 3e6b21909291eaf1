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
import { createSpeechEngines } from './captions/asr/speech-engines.js';

/** Builds the context once the database is open and migrated; creates the first tool key. */
export async function createContext(config: Config, database: DatabaseHandle, logger: Logger): Promise<AppContext> {
  const secrets = new SecretBox(loadMasterKey(config.secretKey, config.dataDir));
  const keyDeps = { db: database.db, secrets, retentionDays: config.lti.keyRetentionDays };
  await ensureToolKey(keyDeps);
  const toolKeys = new ToolKeyCache(keyDeps);
  const outbound = new OutboundHttp({ allow: config.outbound.allow });
  const accessTokens = new AccessTokenCache(toolKeys, outbound);
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
    scoreDelivery: new ScoreDeliveryWorker({ db: database.db, engine: database.engine, accessTokens, outbound, logger, config }),
    lrsForwarding: new LrsForwardingWorker({ db: database.db, engine: database.engine, logger, config, outbound }),
    // Its handlers receive this context, which holds it: read when it starts.
    jobs: new JobWorker(() => ctx),
    // Engines load their models on first use, or at start where jobs run (startServer, amphi worker: speech.check()).
    speech: createSpeechEngines(config.captions),
  };
  return ctx;
}
