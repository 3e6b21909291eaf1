import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config/config.js';
import { buildApp } from '../../src/app.js';
import { createContext } from '../../src/context.js';
import type { AppContext } from '../../src/app-context.js';
import { createLogger } from '../../src/http/logger.js';
import { addPlatform } from '../../src/lti/platforms/platform.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import type { TestPlatform } from './test-platform.js';

export interface TestApp {
  url: string;
  ctx: AppContext;
  config: Config;
  database: TestDatabase;
  adminToken: string;
  /** Empties every table and clears the caches, keeping the tool key. */
  reset(): Promise<void>;
  /** A new context (caches, score delivery worker) on the same database, as after a process restart. */
  restart(): Promise<void>;
  register(platform: TestPlatform, options?: { deploymentIds?: string[]; allowNewDeployments?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Amphi over real HTTP on a real database (PGlite in memory or a PostgreSQL database of its
 * own), listening on a free port, with PUBLIC_URL set to that port.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-test-'));
  const url = `http://localhost:${port}`;
  const config = loadConfig({
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    LTI_JWKS_COOLDOWN_SECONDS: '0',
    // The test platform, fake BBB and fake sinks listen on loopback; attack tests pass their own list.
    OUTBOUND_ALLOW: '127.0.0.0/8,::1',
    // Tests register platforms dynamically without an operator's code unless they test codes.
    LTI_DYNAMIC_REGISTRATION: 'open',
    ...env,
  });
  const logger = createLogger(config.logLevel);
  let ctx = await createContext(config, database, logger);
  ctx.scoreDelivery.start();
  ctx.lrsForwarding.start();
  if (config.jobs.inServer) ctx.jobs.start();
  const adminToken = 'test-admin-token';
  server.on('request', buildApp(ctx, { adminToken }));
  return {
    url,
    get ctx() {
      return ctx;
    },
    config,
    database,
    adminToken,
    async reset() {
      await ctx.scoreDelivery.stop();
      await ctx.lrsForwarding.stop();
      await ctx.jobs.stop();
      // The active tool key survives the reset: a new RSA key pair cost a quarter of a second
      // before every test. A key a test rotated out goes with the rest.
      const toolKey = await ctx.db.selectFrom('tool_keys').selectAll().where('retired_at', 'is', null).execute();
      await database.truncate();
      if (toolKey.length) await ctx.db.insertInto('tool_keys').values(toolKey.map((k) => ({ ...k, public_jwk: JSON.stringify(k.public_jwk) }))).execute();
      ctx.toolKeys.clear();
      ctx = await createContext(config, database, logger);
      ctx.scoreDelivery.start();
      ctx.lrsForwarding.start();
      if (config.jobs.inServer) ctx.jobs.start();
      server.removeAllListeners('request');
      server.on('request', buildApp(ctx, { adminToken }));
    },
    async restart() {
      await ctx.scoreDelivery.stop();
      await ctx.lrsForwarding.stop();
      await ctx.jobs.stop();
      ctx = await createContext(config, database, logger);
      ctx.scoreDelivery.start();
      ctx.lrsForwarding.start();
      if (config.jobs.inServer) ctx.jobs.start();
      server.removeAllListeners('request');
      server.on('request', buildApp(ctx, { adminToken }));
    },
    async register(platform, options = {}) {
      const view = await addPlatform(
        ctx.db,
        { ...platform.registration(options.deploymentIds ?? [platform.deploymentId]), allowNewDeployments: options.allowNewDeployments },
        { allowNewDeployments: false },
      );
      ctx.platforms.invalidate();
      platform.toolJwksUrl = `${url}/.well-known/jwks.json`;
      return view.id;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.scoreDelivery.stop();
      await ctx.lrsForwarding.stop();
      await ctx.jobs.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
