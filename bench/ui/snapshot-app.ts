/**
 * Amphi for the UI figures: test/support/test-app.ts's setup (real HTTP on loopback, PGlite, a
 * temp data dir, PUBLIC_URL at its port), but serving a copy of the built front end taken at
 * start. Amphi keeps index.html in memory while the hashed files it names are read from disk, so
 * a rebuild of public/app during a long run (another person's `npm run build:tool` on a shared
 * machine) would otherwise leave the launch page naming files that are gone.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../src/app-context.js';
import { buildApp, PUBLIC_DIR } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createContext } from '../../src/context.js';
import { createLogger } from '../../src/http/logger.js';
import { addPlatform } from '../../src/lti/platforms/platform.service.js';
import { createTestDatabase } from '../../test/support/test-database.js';
import type { TestPlatform } from '../../test/support/test-platform.js';

export interface SnapshotApp {
  url: string;
  ctx: AppContext;
  register(platform: TestPlatform): Promise<string>;
  close(): Promise<void>;
}

export async function startSnapshotApp(): Promise<SnapshotApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-ui-bench-'));
  const publicDir = path.join(dataDir, 'public');
  fs.cpSync(PUBLIC_DIR, publicDir, { recursive: true });
  const database = await createTestDatabase();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    PUBLIC_URL: url,
    DATA_DIR: path.join(dataDir, 'data'),
    LOG_LEVEL: 'silent',
    SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    LTI_JWKS_COOLDOWN_SECONDS: '0',
    // The test platform and the fake BBB listen on loopback.
    OUTBOUND_ALLOW: '127.0.0.0/8,::1',
  });
  const ctx = await createContext(config, database, createLogger(config.logLevel));
  ctx.scoreDelivery.start();
  ctx.lrsForwarding.start();
  if (config.jobs.inServer) ctx.jobs.start();
  server.on('request', buildApp(ctx, { publicDir }));
  return {
    url,
    ctx,
    async register(platform) {
      const view = await addPlatform(ctx.db, { ...platform.registration(), allowNewDeployments: false }, { allowNewDeployments: false });
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
