import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { acquireDataDirLock, type DataDirLock } from './db/data-dir-lock.js';
import { dataDirNotice, makeDataDirPrivate } from './db/data-dir-permissions.js';
import { databaseTargetFrom, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger, type Logger } from './http/logger.js';
import { buildApp, type AppOptions } from './app.js';
import { createContext } from './context.js';
import { adoptCaptionFiles } from './captions/tracks/imported-captions.service.js';
import type { AppContext } from './app-context.js';
import { startHousekeeping } from './housekeeping.js';
import { mediaStorage } from './video/storage/media-storage.js';
import { startAnalyticsRefresh } from './analytics/analytics.service.js';

export interface RunningServer {
  url: string;
  ctx: AppContext;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts Amphi: lock DATA_DIR (embedded database), open and migrate the database, create the
 * first tool key, serve HTTP. `close()` drains connections and releases everything.
 */
export async function startServer(config: Config, options: { logger?: Logger; publicDir?: string } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const target = databaseTargetFrom(config);
  let lock: DataDirLock | undefined;
  if (target.engine === 'pglite') lock = acquireDataDirLock(config.dataDir, { pid: process.pid });
  try {
    const database = await openDatabase(target);
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ migrations: applied }, 'database migrated');
    const ctx = await createContext(config, database, logger);
    // A wrong Vosk model path stops the start with a message, not a job later (only where jobs run).
    if (config.jobs.inServer) await ctx.speech.check();
    // Wrong credentials or an unreachable bucket: said now, and /readyz stays 503 until it works.
    const storage = await mediaStorage(config.dataDir).checkReady();
    if (!storage.ok) logger.error({ reason: storage.reason }, 'media storage not ready');
    const adminToken = writeAdminToken(config.dataDir);
    const appOptions: AppOptions = { adminToken, publicDir: options.publicDir };
    const app = buildApp(ctx, appOptions);
    const server = app.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    server.keepAliveTimeout = 65_000;
    const port = (server.address() as AddressInfo).port;
    const adminUrl = `http://127.0.0.1:${port}`;
    lock?.update({ adminUrl });
    const stopHousekeeping = startHousekeeping(ctx);
    // Once: caption files of recordings imported by an earlier version become tracks.
    adoptCaptionFiles(ctx).then(
      (count) => count && logger.info({ count }, 'caption files of imported recordings stored as tracks'),
      (err: unknown) => logger.warn({ err }, 'caption files of imported recordings not adopted'),
    );
    const stopAnalyticsRefresh = startAnalyticsRefresh(ctx);
    ctx.scoreDelivery.start();
    ctx.lrsForwarding.start();
    if (config.jobs.inServer) ctx.jobs.start();
    logger.info({ port, publicUrl: config.http.publicUrl, database: database.engine }, 'Amphi is listening');

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        stopHousekeeping();
        stopAnalyticsRefresh();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Requests still running get a grace period, then their sockets are cut.
          setTimeout(() => server.closeAllConnections(), 10_000).unref();
        });
        // Deliveries under way end and are recorded before the database goes.
        await ctx.scoreDelivery.stop();
        await ctx.lrsForwarding.stop();
        // Running jobs are aborted and given back to the queue (another worker, or the next start, runs them).
        await ctx.jobs.stop();
        ctx.speech.close();
        await database.close();
        lock?.release();
      })());
    return { url: `http://127.0.0.1:${port}`, ctx, server, close };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** The CLI reads this token to use the admin endpoint of the server that holds the lock. */
function writeAdminToken(dataDir: string): string {
  const token = crypto.randomBytes(32).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'admin.token');
  fs.writeFileSync(file, token, { mode: 0o600 });
  return token;
}

/** Umask 077 and DATA_DIR 0700 for the whole process, before anything is written. */
function makeDataDirPrivateAndSay(dataDir: string, logger: Logger): void {
  const access = makeDataDirPrivate(dataDir, { create: true });
  const notice = dataDirNotice(dataDir, access);
  if (notice) logger.warn({ dataDir, ...access }, notice);
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let running: RunningServer;
  try {
    makeDataDirPrivateAndSay(config.dataDir, logger);
    running = await startServer(config, { logger });
  } catch (err) {
    logger.fatal({ err }, err instanceof Error ? err.message : 'start failed');
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

// Run when executed directly (node dist/server.js), not when imported (tests, CLI `serve`).
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  await main();
}
