import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreatedCredential } from '../../src/lrs/credentials/credential.service.js';
import type { LrsScope } from '../../src/lrs/credentials/lrs-principal.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createBenchDatabase, type BenchDatabase } from '../support/postgres-db.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { addPlatform, createCredential, openDatabase, ROOT } from './amphi-build.js';
import { log } from './lrs-bench-setup.js';
import type { World } from './statement-generator.js';

/**
 * Amphi as a deployment runs it, `node dist/server.js` in its own process on a fresh PostgreSQL
 * database, and a connection of the bench's own to that database (platform, credential, the
 * raw INSERT, counts). Clients then cost the server nothing, as remote clients would.
 */
export interface LrsServerBench {
  server: ServerProcess;
  database: BenchDatabase;
  /** The bench's own connection to Amphi's database. */
  handle: DatabaseHandle;
  platformId: string;
  credential: CreatedCredential;
  authorization: string;
  close(): Promise<void>;
}

export async function startLrsServerProcess(options: { adminUrl: string; world: World; scopes: LrsScope[]; keep: boolean; poolSize: number }): Promise<LrsServerBench> {
  const database = await createBenchDatabase(options.adminUrl);
  log(`database ${database.name} on PostgreSQL ${database.serverVersion}; Amphi in its own process (node dist/server.js)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lrs-bench-'));
  const server = await startServerProcess({
    root: ROOT,
    dataDir,
    databaseUrl: database.url,
    secretKey: crypto.randomBytes(32).toString('base64'),
    env: { DATABASE_POOL_SIZE: String(options.poolSize) },
  });
  const handle = await openDatabase({ engine: 'postgres', url: database.url, poolSize: options.poolSize });
  const issuer = options.world.issuer;
  const platform = await addPlatform(
    handle.db,
    { issuer, clientId: 'amphi-bench', authLoginUrl: `${issuer}/mod/lti/auth.php`, authTokenUrl: `${issuer}/mod/lti/token.php`, jwksUrl: `${issuer}/mod/lti/certs.php`, deploymentIds: ['1'] },
    { allowNewDeployments: false },
  );
  const credential = await createCredential(handle.db, { platformId: platform.id, name: 'bench', scopes: options.scopes, publicUrl: server.url });
  return {
    server,
    database,
    handle,
    platformId: platform.id,
    credential,
    authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`,
    async close() {
      await server.stop();
      await handle.close();
      if (options.keep) log(`kept database ${database.url}`);
      else await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
