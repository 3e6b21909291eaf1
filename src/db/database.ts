import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { closeToOthers } from './data-dir-permissions.js';
import { createPgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { engine: 'postgres'; url: string; poolSize?: number }
  /**
   * `dataDir` undefined means in memory (tests), started from `image` (a `dumpDataDir()` tarball)
   * when given, which skips initdb.
   */
  | { engine: 'pglite'; dataDir: string | undefined; image?: Blob };

export function databaseTargetFrom(config: { database: { url?: string | undefined; poolSize: number }; dataDir: string }): DatabaseTarget {
  return config.database.url
    ? { engine: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
    : { engine: 'pglite', dataDir: path.join(config.dataDir, 'db') };
}

/**
 * A tool's database is small: 16 MB of shared buffers instead of PostgreSQL's 128 MB keeps the
 * WebAssembly heap (which never shrinks) small.
 */
export const PGLITE_OPTIONS = { postgresqlconf: ['shared_buffers=16MB'] };

/**
 * Values come back as node-postgres gives them, so that the code runs the same on both engines:
 * a bigint (count, sum of integers) is a string there (it can exceed 2^53), a number in PGlite.
 * Arrays of bigint follow (PGlite parses elements with the element type's parser).
 */
const PGLITE_PARSERS = { [pgliteTypes.INT8]: (value: string) => value };

/** Opens the database. The caller holds the DATA_DIR lock for an on-disk PGlite. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection PostgreSQL ends (restart, admin kill) emits here; unhandled, it would end the process.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
    // Fail at start, with the driver's reason, rather than on the first request.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  // initdb leaves ~500 MB of WebAssembly memory in the process that ran it: a child runs it.
  if (target.dataDir && !fs.existsSync(path.join(target.dataDir, 'PG_VERSION'))) createEmbeddedDatabase(target.dataDir);
  // This user's only, like the rest of DATA_DIR (PGlite ignores the umask), older databases too.
  if (target.dataDir) closeToOthers(target.dataDir);
  const pglite = target.dataDir
    ? new PGlite(target.dataDir, { ...PGLITE_OPTIONS, parsers: PGLITE_PARSERS })
    : new PGlite({ ...PGLITE_OPTIONS, parsers: PGLITE_PARSERS, ...(target.image ? { loadDataDir: target.image } : {}) });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: createPgliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
      // What PostgreSQL wrote while running (its caches) is 0644 under Emscripten's umask: closed too.
      if (target.dataDir) closeToOthers(target.dataDir);
    },
  };
}

function createEmbeddedDatabase(dataDir: string): void {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `import { PGlite } from ${JSON.stringify(pglite)}; const db = new PGlite(${JSON.stringify(dataDir)}); await db.waitReady; await db.close();`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
}
