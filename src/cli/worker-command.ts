import type { Config } from '../config/config.js';
import { createContext } from '../context.js';
import { databaseTargetFrom, openDatabase } from '../db/database.js';
import { isMigrated } from '../db/migrate.js';
import { createLogger } from '../http/logger.js';
import { startMetricsServer, type MetricsServer } from '../metrics/metrics-server.js';
import { mediaStorage } from '../video/storage/media-storage.js';
import { CommandFailed } from './admin-client.js';

export const EMBEDDED_DATABASE_REFUSED =
  'amphi worker needs PostgreSQL (DATABASE_URL). The embedded database (PGlite, in DATA_DIR) can be ' +
  'opened by one process only: two processes on it silently lose each other\'s writes, so the server ' +
  'that owns it runs its jobs itself (JOBS_IN_SERVER=true, the default). To run workers apart from ' +
  'the server, or on several machines, set DATABASE_URL to a PostgreSQL database.';

/**
 * `amphi worker`: runs queued jobs (transcodes…) next to the servers, as many processes and
 * machines as needed, all sharing the PostgreSQL queue. It does not migrate (servers and
 * `amphi migrate` do), it checks the schema is current. SIGTERM/SIGINT stop it gracefully:
 * running jobs are aborted and given back to the queue for another worker. Resolves with the
 * exit code once stopped.
 */
export async function workerCommand(config: Config): Promise<number> {
  if (!config.database.url) throw new CommandFailed(EMBEDDED_DATABASE_REFUSED);
  const logger = createLogger(config.logLevel).child({ process: 'worker' });
  const database = await openDatabase(databaseTargetFrom(config));
  try {
    if (!(await isMigrated(database.db))) {
      throw new CommandFailed('The database schema is not up to date: run `amphi migrate` first (or start an up-to-date server, which migrates).');
    }
    const ctx = await createContext(config, database, logger);
    // A wrong Vosk model path: a clear error now, not a failed job later.
    try {
      await ctx.speech.check();
    } catch (err) {
      throw new CommandFailed(err instanceof Error ? err.message : String(err));
    }
    // Transcodes read and write the media storage: a bucket it cannot use is said now, in the log.
    const storage = await mediaStorage(config.dataDir).checkReady();
    if (!storage.ok) logger.error({ reason: storage.reason }, 'media storage not ready');
    const stopping = new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    let metricsServer: MetricsServer | undefined;
    if (config.metrics.workerPort) {
      const { allow, workerPort } = config.metrics;
      metricsServer = await startMetricsServer({ metrics: ctx.metrics, allow, trustProxy: config.http.trustProxy, host: config.http.host, port: workerPort });
    }
    ctx.jobs.start();
    logger.info({ workerId: ctx.jobs.workerId, concurrency: config.jobs.concurrency, metrics: metricsServer?.url }, 'Amphi worker started');
    const signal = await stopping;
    logger.info({ signal, running: ctx.jobs.activeJobIds }, 'Amphi worker stopping');
    await metricsServer?.close();
    await ctx.jobs.stop();
    ctx.speech.close();
    logger.info('Amphi worker stopped');
    return 0;
  } finally {
    await database.close();
  }
}
