import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { acquireDataDirLock } from '../../../src/db/data-dir-lock.js';
import { databaseTargetFrom, openDatabase, type Db } from '../../../src/db/database.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import type { JobView } from '../../../src/jobs/job.commands.js';
import { enqueueJob, findJob } from '../../../src/jobs/job.service.js';
import { eventually } from '../../support/factories.js';
import { ROOT, runCli, startServerProcess, useCliHost, useProcessEnv } from '../../support/processes.js';
import { testEngine } from '../../support/test-database.js';
import { insertTestJob } from './job-fixture.js';

/** Opens the processes' database from the test (PGlite: under the DATA_DIR lock, so only while no server runs). */
async function withDatabase<T>(env: Record<string, string>, use: (db: Db) => Promise<T>): Promise<T> {
  const config = { database: { url: env.DATABASE_URL, poolSize: 2 }, dataDir: env.DATA_DIR! };
  const lock = config.database.url ? undefined : acquireDataDirLock(config.dataDir);
  const database = await openDatabase(databaseTargetFrom(config));
  try {
    await migrateToLatest(database.db);
    return await use(database.db);
  } finally {
    await database.close();
    lock?.release();
  }
}

/** Built CLI (`flock /tmp/amphi-build.lock npm run build:server` first). */
describe('amphi jobs and amphi worker', () => {
  const { env } = useProcessEnv({ LOG_LEVEL: 'warn' });
  const host = useCliHost();

  it('lists, cancels and retries jobs, with or without a running server', async () => {
    const { queued, failed } = await withDatabase(env, async (db) => {
      const queued = await insertTestJob(db, 'test-cli', { n: 1 });
      const failed = await insertTestJob(db, 'test-cli', { n: 2 });
      await sql`update jobs set status = 'failed', attempts = 5, last_error = 'No space left on device', finished_at = now() where id = ${failed.id}`.execute(db);
      return { queued, failed };
    });

    const list = await host.run(['jobs', 'list'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${queued.id}\\s+test-cli\\s+queued`));
    assert.match(list.stdout, /failed {2}attempt 5\/5/);
    assert.match(list.stdout, /last error: No space left on device/);

    const cancelled = await host.run(['jobs', 'cancel', queued.id], env);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    const bad = await host.run(['jobs', 'list', '--status', 'lost'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Usage: amphi jobs list/);

    // Through the server that owns the embedded database (PostgreSQL: the CLI opens it itself).
    const server = await startServerProcess(env);
    try {
      const failedOnly = await host.run(['jobs', 'list', '--status', 'failed', '--json'], env);
      assert.deepEqual((JSON.parse(failedOnly.stdout) as JobView[]).map((j) => [j.id, j.lastError]), [[failed.id, 'No space left on device']]);
      const again = await host.run(['jobs', 'cancel', queued.id], env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /No queued or running job has id/);
      const retried = await host.run(['jobs', 'retry', failed.id], env);
      assert.equal(retried.code, 0, retried.stderr);
      assert.match(retried.stdout, /queued again/);
      const listed = JSON.parse((await host.run(['jobs', 'list', '--json', '--limit', '5'], env)).stdout) as JobView[];
      assert.deepEqual(listed.map((j) => [j.id, j.status]).sort(), [[queued.id, 'cancelled'], [failed.id, 'queued']].sort());
      assert.equal((await host.run(['jobs', 'retry', failed.id], env)).code, 1, 'a queued job is not retried');
    } finally {
      assert.equal(await server.stop(), 0, server.output());
    }
  });

  it('amphi worker refuses the embedded database and says why', async () => {
    const { DATABASE_URL: _url, ...embedded } = env;
    const result = await runCli(['worker'], embedded);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /amphi worker needs PostgreSQL \(DATABASE_URL\)/);
    assert.match(result.stderr, /one process only/);
  });

  it('amphi worker refuses a database whose schema is not current', { skip: testEngine() === 'pglite' && 'PostgreSQL only' }, async () => {
    await withDatabase(env, (db) => sql`update amphi_migrations set name = 'renamed' where name = '0007_jobs'`.execute(db));
    try {
      const result = await runCli(['worker'], env);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /run `amphi migrate` first/);
    } finally {
      const config = { database: { url: env.DATABASE_URL, poolSize: 1 }, dataDir: env.DATA_DIR! };
      const database = await openDatabase(databaseTargetFrom(config));
      await sql`update amphi_migrations set name = '0007_jobs' where name = 'renamed'`.execute(database.db);
      await database.close();
    }
  });

  it('amphi worker runs queued jobs, then stops cleanly on SIGTERM', { skip: testEngine() === 'pglite' && 'PostgreSQL only' }, async () => {
    // A transcode of a media that does not exist: the handler finds nothing to do and the job succeeds.
    const job = await withDatabase(env, (db) => enqueueJob(db, 'transcode-video', { mediaId: crypto.randomUUID() }));
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'worker'], {
      env: { PATH: process.env.PATH!, ...env, LOG_LEVEL: 'info', JOBS_POLL_MS: '100' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const config = { database: { url: env.DATABASE_URL, poolSize: 1 }, dataDir: env.DATA_DIR! };
      const database = await openDatabase(databaseTargetFrom(config));
      try {
        const done = await eventually('the worker ran the job', async () => {
          const row = await findJob(database.db, job.id);
          return row?.status === 'succeeded' ? row : undefined;
        }, 30_000).catch(async (err: Error) => {
          throw new Error(`${err.message}; job: ${JSON.stringify(await findJob(database.db, job.id))}\nworker output:\n${output}`);
        });
        assert.equal(done.attempts, 1);
      } finally {
        await database.close();
      }
      assert.match(output, /Amphi worker started/);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
      assert.match(output, /Amphi worker stopped/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
