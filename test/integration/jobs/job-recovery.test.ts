import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../../src/db/database.js';
import { findJob } from '../../../src/jobs/job.service.js';
import { eventually } from '../../support/factories.js';
import { ROOT, tempDir } from '../../support/processes.js';
import { testEngine } from '../../support/test-database.js';
import { deferred, insertTestJob, useJobs } from './job-fixture.js';

/** Workers die, share the queue, and lose leases: no job is lost, none runs twice at once. */
describe('job recovery and sharing', () => {
  const jobs = useJobs();

  it('two workers never run the same job', async () => {
    const db = jobs.app.ctx.db;
    // PostgreSQL: a second process-like worker on a connection pool of its own; PGlite: one database, two workers.
    const second = testEngine() === 'postgres' ? await openDatabase({ engine: 'postgres', url: jobs.app.database.url!, poolSize: 3 }) : undefined;
    try {
      const runs = new Map<string, string[]>();
      const handler = (who: string) => async (_ctx: unknown, _p: unknown, run: { jobId: string }) => {
        runs.set(run.jobId, [...(runs.get(run.jobId) ?? []), who]);
        await new Promise((r) => setTimeout(r, 2));
      };
      const ids = [];
      for (let i = 0; i < 60; i++) ids.push((await insertTestJob(db, 'test-count', { i })).id);
      const a = jobs.worker({ 'test-count': handler('a') }, { concurrency: 4 });
      const b = jobs.worker({ 'test-count': handler('b') }, { concurrency: 4 }, { ...jobs.app.ctx, db: second?.db ?? db });
      await eventually('every job done', async () => {
        const left = await sql<{ n: number }>`select count(*)::int as n from jobs where status <> 'succeeded'`.execute(db);
        return left.rows[0]!.n === 0;
      }, 30_000);
      assert.deepEqual([...runs.keys()].sort(), [...ids].sort());
      for (const [id, who] of runs) assert.equal(who.length, 1, `job ${id} ran ${who.length} times`);
      const byA = [...runs.values()].filter((w) => w[0] === 'a').length;
      assert.ok(byA > 0 && byA < 60, `both workers took jobs (a: ${byA})`);
      await a.worker.stop();
      await b.worker.stop();
    } finally {
      await second?.close();
    }
  });

  it('a worker process killed mid-job: another worker takes the job once its lease ends', { skip: testEngine() === 'pglite' && 'the embedded database has one process' }, async () => {
    const db = jobs.app.ctx.db;
    const job = await insertTestJob(db, 'test-sleep', { ms: 600_000 });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/job-worker-process.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH!,
        DATABASE_URL: jobs.app.database.url!,
        DATA_DIR: tempDir('amphi-worker-'),
        SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
        JOBS_LEASE_SECONDS: '5',
        JOBS_POLL_MS: '100',
        LOG_LEVEL: 'warn',
      },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const running = await eventually('the child runs the job', async () => {
        const r = await findJob(db, job.id);
        return r?.status === 'running' && r.progress === 0.5 ? r : undefined;
        // A child process starting tsx on a loaded machine: CI once took over 30 s.
      }, 120_000);
      assert.equal(running.progress_label, `sleeping in ${child.pid}`);

      // While the child lives, its heartbeat keeps the job: a worker here does not take it past the first lease.
      const takenOver = deferred();
      jobs.worker({ 'test-sleep': async () => takenOver.resolve() }, { pollMs: 100 });
      const firstLease = new Date(running.lease_until!).getTime();
      const renewed = await eventually('a heartbeat', async () => {
        const r = await findJob(db, job.id);
        return r && Date.now() > firstLease + 500 ? r : undefined;
      }, 30_000);
      assert.equal(renewed.status, 'running');
      assert.equal(renewed.attempts, 1);
      assert.ok(new Date(renewed.lease_until!).getTime() > firstLease, 'lease renewed');

      child.kill('SIGKILL');
      await exited;
      await takenOver.promise;
      const done = await jobs.until(job.id, 'succeeded');
      assert.equal(done.attempts, 2);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a job left running by a crashed process is run again (PGlite: at the next start)', async () => {
    const db = jobs.app.ctx.db;
    const job = await insertTestJob(db, 'test-resume');
    // As a process that died mid-job leaves it; on PostgreSQL its lease has ended too.
    const leaseEnd = testEngine() === 'pglite' ? sql`now() + interval '1 hour'` : sql`now() - interval '1 second'`;
    await sql`update jobs set status = 'running', attempts = 1, locked_by = 'crashed#1', lease_until = ${leaseEnd}, progress = 0.3 where id = ${job.id}`.execute(db);
    const attempts: number[] = [];
    jobs.worker({ 'test-resume': async (_c, _p, run) => void attempts.push(run.attempt) });
    const done = await jobs.until(job.id, 'succeeded');
    assert.deepEqual(attempts, [2]);
    assert.equal(done.locked_by, null);
  });

  it('ends jobs abandoned with no run left (failed) or with a cancel asked (cancelled)', async () => {
    const db = jobs.app.ctx.db;
    const spent = await insertTestJob(db, 'test-abandoned', {}, { maxAttempts: 2 });
    const cancelled = await insertTestJob(db, 'test-abandoned');
    await sql`update jobs set status = 'running', attempts = 3, locked_by = 'gone#3', lease_until = now() - interval '1 minute' where id = ${spent.id}`.execute(db);
    await sql`update jobs set status = 'running', attempts = 1, cancel_requested = true, locked_by = 'gone#1', lease_until = now() - interval '1 minute'
      where id = ${cancelled.id}`.execute(db);
    let ran = 0;
    jobs.worker({ 'test-abandoned': async () => void ran++ });
    const failed = await jobs.until(spent.id, 'failed');
    assert.match(failed.last_error!, /stopped responding/);
    await jobs.until(cancelled.id, 'cancelled');
    assert.equal(ran, 0);
  });

  it('a worker whose lease was taken over aborts its handler and writes nothing more', async () => {
    const db = jobs.app.ctx.db;
    const started = deferred();
    const finish = deferred();
    const aborted = deferred<unknown>();
    const { worker } = jobs.worker({
      'test-slow': async (_c, _p, run) => {
        run.signal.addEventListener('abort', () => aborted.resolve(run.signal.reason));
        started.resolve();
        await finish.promise;
        run.reportProgress(0.9, 'too late');
      },
    });
    const job = await insertTestJob(db, 'test-slow');
    await started.promise;
    await sql`update jobs set locked_by = 'other#2', attempts = 2 where id = ${job.id}`.execute(db);
    const reason = (await aborted.promise) as { reason?: string };
    assert.equal(reason.reason, 'lost');
    finish.resolve();
    await eventually('the handler ended', () => worker.activeJobIds.length === 0);
    const row = await findJob(db, job.id);
    assert.equal(row?.status, 'running');
    assert.equal(row?.locked_by, 'other#2');
    assert.equal(row?.progress, null);
  });
});
