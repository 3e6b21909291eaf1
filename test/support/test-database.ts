import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'kysely';
import { PGLITE_OPTIONS, openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** Which engine this test run uses: PGlite by default, PostgreSQL when the runner says so. */
export function testEngine(): 'pglite' | 'postgres' {
  return process.env.TEST_DB_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export interface TestDatabase extends DatabaseHandle {
  /** The postgres:// URL of this test database (PostgreSQL only). */
  url: string | undefined;
  truncate(): Promise<void>;
}

/**
 * A migrated database for one test file: in-memory PGlite, or on PostgreSQL a database of its
 * own (test files run in parallel) created from TEST_DATABASE_URL and dropped at the end.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const handle = await openDatabase({ engine: 'pglite', dataDir: undefined, image: await emptyPgliteImage() });
    await migrateToLatest(handle.db);
    return { ...handle, url: undefined, truncate: () => truncateAll(handle) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DB_ENGINE=postgres needs TEST_DATABASE_URL');
  const name = `amphi_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: url.toString(),
    truncate: () => truncateAll(handle),
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * An empty PGlite data directory (initdb done, nothing migrated), made once per PGlite version
 * and options and kept in the temporary directory: initdb costs ~4 s of CPU and ~500 MB of
 * WebAssembly memory in every test process, loading the image a fraction of a second. Each test
 * database still runs every migration itself.
 */
async function emptyPgliteImage(): Promise<Blob> {
  const version = pgliteVersion();
  const key = crypto.createHash('sha256').update(`${version} ${JSON.stringify(PGLITE_OPTIONS)}`).digest('hex').slice(0, 16);
  // Per user: another user's file could not be replaced, nor trusted.
  const file = path.join(os.tmpdir(), `amphi-test-pglite-${os.userInfo().uid}-${key}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const fresh = await PGlite.create(PGLITE_OPTIONS);
  const image = await fresh.dumpDataDir('none');
  await fresh.close();
  // Test files start in parallel: each writes its own copy, the rename makes one whole file win.
  const partial = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  fs.renameSync(partial, file);
  return image;
}

function pgliteVersion(): string {
  // The package does not export its package.json: found above the module it resolves to.
  for (let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite'))); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version: string };
    if (name === '@electric-sql/pglite') return version;
  }
  throw new Error('@electric-sql/pglite: package.json not found');
}

async function truncateAll(handle: DatabaseHandle): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' and tablename not like 'amphi_migrations%'`.execute(handle.db);
  if (tables.rows.length === 0) return;
  await sql`truncate ${sql.join(tables.rows.map((t) => sql.id(t.tablename)))} cascade`.execute(handle.db);
}
