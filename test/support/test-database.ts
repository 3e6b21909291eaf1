import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Kysely, sql } from 'kysely';
import { PGLITE_OPTIONS, openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createPgliteDialect } from '../../src/db/pglite-dialect.js';
import type { Database } from '../../src/db/schema.js';

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
    const handle = await openDatabase({ engine: 'pglite', dataDir: undefined, image: await migratedPgliteImage() });
    // A no-op on a current image; the image's migrations are those of this tree (see its key).
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
 * PGlite data directories kept in the temporary directory, each made once per PGlite version,
 * options and (for the migrated one) migration sources: initdb costs ~4 s of CPU and ~500 MB of
 * WebAssembly memory in a process, the migrations ~1.3 s, loading an image a fraction of a second.
 * A change to any migration makes a new image, so the migrations still run from an empty database
 * once per run here, and in full for every PostgreSQL test database and every on-disk start
 * (test/integration/cli).
 */
async function migratedPgliteImage(): Promise<Blob> {
  return cachedImage(`migrated ${migrationSources()}`, async () => {
    const pglite = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: await emptyPgliteImage() });
    const db = new Kysely<Database>({ dialect: createPgliteDialect(pglite) });
    try {
      await migrateToLatest(db);
      return await pglite.dumpDataDir('none');
    } finally {
      await db.destroy();
      await pglite.close();
    }
  });
}

function emptyPgliteImage(): Promise<Blob> {
  return cachedImage('empty', async () => {
    const fresh = await PGlite.create(PGLITE_OPTIONS);
    try {
      return await fresh.dumpDataDir('none');
    } finally {
      await fresh.close();
    }
  });
}

async function cachedImage(what: string, make: () => Promise<Blob>): Promise<Blob> {
  const key = crypto.createHash('sha256').update(`${pgliteVersion()} ${JSON.stringify(PGLITE_OPTIONS)} ${what}`).digest('hex').slice(0, 16);
  // Per user: another user's file could not be replaced, nor trusted.
  const file = path.join(os.tmpdir(), `amphi-test-pglite-${os.userInfo().uid}-${key}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const image = await make();
  // Test files start in parallel: each writes its own copy, the rename makes one whole file win.
  const partial = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  fs.renameSync(partial, file);
  return image;
}

/** What the migrations are: src/db/migrate.ts and every file of src/db/migrations, hashed. */
function migrationSources(): string {
  const dir = path.resolve(import.meta.dirname, '../../src/db');
  const files = [path.join(dir, 'migrate.ts'), ...fs.readdirSync(path.join(dir, 'migrations')).sort().map((f) => path.join(dir, 'migrations', f))];
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(`${path.basename(file)}\0`).update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
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
  // Only the tables holding rows, found in one round trip: TRUNCATE gives each table it names a new
  // file, and naming all of them cost 100–250 ms before every test on PGlite.
  const filled = await sql<{ name: string }>`${sql.join(
    tables.rows.map((t) => sql`select ${t.tablename}::text as name where exists (select from ${sql.id(t.tablename)})`),
    sql` union all `,
  )}`.execute(handle.db);
  if (filled.rows.length === 0) return;
  await sql`truncate ${sql.join(filled.rows.map((t) => sql.id(t.name)))} cascade`.execute(handle.db);
}
