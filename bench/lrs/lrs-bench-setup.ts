/**
 * What both LRS benchmarks start from: Amphi running in this process (startServer: HTTP,
 * database, workers, as in production) on a fresh PostgreSQL database created from an admin URL
 * and dropped at the end, one registered platform, and one LRS credential.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreatedCredential } from '../../src/lrs/credentials/credential.service.js';
import type { LrsScope } from '../../src/lrs/credentials/lrs-principal.js';
import type { Statement, StoredStatement } from '../../src/lrs/xapi/xapi.types.js';
import type { RunningServer } from '../../src/server.js';
import { addPlatform, createCredential, loadConfig, startServer, statementRow } from './amphi-build.js';
import { createBenchDatabase, type BenchDatabase } from '../support/postgres-db.js';
import { cpuMsOfAll } from '../support/proc-stats.js';
import { freePort } from '../support/server-process.js';
import type { World } from './statement-generator.js';

export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** The admin URL a fresh database is created from: never written to itself. */
export const DEFAULT_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface LrsBench {
  running: RunningServer;
  database: BenchDatabase;
  platformId: string;
  credential: CreatedCredential;
  /** The HTTP Basic header of the credential. */
  authorization: string;
  close(): Promise<void>;
}

export async function startLrsBench(options: { adminUrl: string; world: World; scopes: LrsScope[]; keep: boolean; poolSize?: number }): Promise<LrsBench> {
  const database = await createBenchDatabase(options.adminUrl);
  log(`database ${database.name} on PostgreSQL ${database.serverVersion}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lrs-bench-'));
  let running: RunningServer | undefined;
  try {
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      SECRET_KEY: crypto.randomBytes(32).toString('base64'), DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
    });
    running = await startServer(config);
    const { ctx } = running;
    const issuer = options.world.issuer;
    const platform = await addPlatform(
      ctx.db,
      { issuer, clientId: 'amphi-bench', authLoginUrl: `${issuer}/mod/lti/auth.php`, authTokenUrl: `${issuer}/mod/lti/token.php`, jwksUrl: `${issuer}/mod/lti/certs.php`, deploymentIds: ['1'] },
      { allowNewDeployments: false },
    );
    ctx.platforms.invalidate();
    const credential = await createCredential(ctx.db, { platformId: platform.id, name: 'bench', scopes: options.scopes, publicUrl: config.http.publicUrl });
    const server = running;
    return {
      running: server,
      database,
      platformId: platform.id,
      credential,
      authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`,
      async close() {
        await server.close();
        if (options.keep) log(`kept database ${database.url}`);
        else await database.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await running?.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The statement as the store keeps it: what storeStatements (statement.service.ts,
 * prepareStatement) sets, then the store's own row builder.
 */
export function storedRow(bench: Pick<LrsBench, 'platformId' | 'credential'>, statement: Statement, stored: string) {
  const kept: StoredStatement = {
    ...statement,
    id: statement.id!.toLowerCase(),
    timestamp: statement.timestamp ?? stored,
    stored,
    authority: bench.credential.authority,
    version: statement.version ?? '1.0.0',
  };
  return statementRow(bench.platformId, kept, bench.credential.id);
}

/** CPU time of this process (Amphi and the bench client) and of all PostgreSQL processes. */
export function cpuNow(): { nodeMs: number; postgresMs: number } {
  const usage = process.cpuUsage();
  return { nodeMs: (usage.user + usage.system) / 1000, postgresMs: cpuMsOfAll('postgres') };
}

export function parsePositive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}

/** Runs `work(i)` for i in [0, n) on `concurrency` workers, each taking the next index. */
export async function runPool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}
