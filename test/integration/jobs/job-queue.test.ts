import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { JobAbortedError, type JobRunContext } from '../../../src/jobs/job-registry.js';
import { cancelJob, enqueueJob, findJob, listJobs, pruneFinishedJobs, retryJob } from '../../../src/jobs/job.service.js';
import { eventually } from '../../support/factories.js';
import { deferred, insertTestJob, useJobs } from './job-fixture.js';

/** The queue on a real database (PGlite or PostgreSQL), run by real workers with test handlers. */
describe('job queue', () => {
  const jobs = useJobs();

  it('runs a queued job once with its payload, then records it succeeded', async () => {
    const seen: { payload: unknown; run: Pick<JobRunContext, 'jobId' | 'attempt' | 'maxAttempts' | 'isLastAttempt'> }[] = [];
    jobs.worker({
      'test-echo': async (_ctx, payload, { jobId, attempt, maxAttempts, isLastAttempt }) => void seen.push({ payload, run: { jobId, attempt, maxAttempts, isLastAttempt } }),
    });
    const job = await insertTestJob(jobs.app.ctx.db, 'test-echo', { mediaId: 'm1' }, { maxAttempts: 3 });
    const done = await jobs.until(job.id, 'succeeded');
    assert.deepEqual(seen, [{ payload: { mediaId: 'm1' }, run: { jobId: job.id, attempt: 1, maxAttempts: 3, isLastAttempt: false } }]);
    assert.equal(done.attempts, 1);
    assert.equal(done.progress, 1);
    assert.equal(done.locked_by, null);
    assert.ok(done.started_at && done.finished_at);
  });

  it('queues production jobs with enqueueJob, and a worker without their handler leaves them', async () => {
    // The test app's own worker runs 'transcode-video'; stop it so the job stays queued.
    await jobs.app.ctx.jobs.stop();
    const job = await enqueueJob(jobs.app.ctx.db, 'transcode-video', { mediaId: 'nope' }, { maxAttempts: 2, priority: 3 });
    assert.equal(job.status, 'queued');
    assert.equal(job.max_attempts, 2);
    const ran = deferred();
    const other = await insertTestJob(jobs.app.ctx.db, 'test-other');
    jobs.worker({ 'test-other': async () => ran.resolve() });
    await ran.promise;
    await jobs.until(other.id, 'succeeded');
    assert.equal((await findJob(jobs.app.ctx.db, job.id))?.status, 'queued');
  });

  it('writes the progress the handler reports while it runs', async () => {
    const release = deferred();
    jobs.worker({
      'test-progress': async (_ctx, _payload, run) => {
        run.reportProgress(0.1, 'probing');
        run.reportProgress(0.42, 'encoding 360p');
        await release.promise;
      },
    });
    const job = await insertTestJob(jobs.app.ctx.db, 'test-progress');
    const row = await eventually('progress written', async () => {
      const r = await findJob(jobs.app.ctx.db, job.id);
      return r?.progress === 0.42 ? r : undefined;
    });
    assert.equal(row.status, 'running');
    assert.equal(row.progress_label, 'encoding 360p');
    release.resolve();
    await jobs.until(job.id, 'succeeded');
  });

  it('retries a failed run after a backoff, then succeeds', async () => {
    let calls = 0;
    const { worker } = jobs.worker(
      {
        'test-flaky': async () => {
          calls++;
          if (calls === 1) throw new Error('ffmpeg exited with code 1');
        },
      },
      { retryBaseMs: 60_000 },
    );
    const failedAt = Date.now();
    const job = await insertTestJob(jobs.app.ctx.db, 'test-flaky');
    const waiting = await eventually('the retry queued', async () => {
      const r = await findJob(jobs.app.ctx.db, job.id);
      return r?.status === 'queued' && r.attempts === 1 ? r : undefined;
    });
    assert.equal(waiting.last_error, 'ffmpeg exited with code 1');
    // Half the base delay at least (equal jitter), the base at most, for the first retry.
    assert.ok(new Date(waiting.run_at).getTime() >= failedAt + 30_000, `run_at ${waiting.run_at.toString()}`);
    assert.ok(new Date(waiting.run_at).getTime() <= Date.now() + 60_000);
    // Time passes: the retry falls due.
    await sql`update jobs set run_at = now() where id = ${job.id}`.execute(jobs.app.ctx.db);
    worker.wake();
    const done = await jobs.until(job.id, 'succeeded');
    assert.equal(calls, 2);
    assert.equal(done.attempts, 2);
  });

  it('fails the job on its last attempt with the last error, and retryJob queues it again', async () => {
    const lastFlags: boolean[] = [];
    let healthy = false;
    const { ctx } = jobs.worker({
      'test-broken': async (_ctx, _p, run) => {
        lastFlags.push(run.isLastAttempt);
        if (!healthy) throw new Error(`No space left on device (${run.attempt})`);
      },
    });
    const job = await insertTestJob(jobs.app.ctx.db, 'test-broken', {}, { maxAttempts: 3 });
    const failed = await jobs.until(job.id, 'failed');
    assert.deepEqual(lastFlags, [false, false, true]);
    assert.equal(failed.attempts, 3);
    assert.equal(failed.last_error, 'No space left on device (3)');
    assert.ok(failed.finished_at);

    healthy = true;
    assert.equal(await retryJob(ctx, job.id, 'another-platform'), false);
    assert.equal(await retryJob(ctx, job.id), true);
    const done = await jobs.until(job.id, 'succeeded');
    assert.equal(done.attempts, 1);
    assert.equal(await retryJob(ctx, job.id), false, 'a succeeded job is not retried');
  });

  it('cancels a queued job at once; it never runs', async () => {
    const ran: string[] = [];
    const { ctx } = jobs.worker({ 'test-later': async (_c, p: { n: string }) => void ran.push(p.n) });
    const job = await insertTestJob(jobs.app.ctx.db, 'test-later', { n: 'cancelled' }, { runAt: new Date(Date.now() + 3_600_000) });
    assert.equal(await cancelJob(ctx, job.id, 'another-platform'), false, 'tenant scope');
    assert.equal(await cancelJob(ctx, job.id), true);
    const row = await findJob(ctx.db, job.id);
    assert.equal(row?.status, 'cancelled');
    assert.ok(row?.finished_at);
    assert.equal(await cancelJob(ctx, job.id), false, 'nothing left to cancel');
    await sql`update jobs set run_at = now() where id = ${job.id}`.execute(ctx.db);
    const marker = await insertTestJob(ctx.db, 'test-later', { n: 'marker' });
    await jobs.until(marker.id, 'succeeded');
    assert.deepEqual(ran, ['marker']);
  });

  it('cancels a running job: its signal is aborted, then it is cancelled', async () => {
    const started = deferred();
    const { ctx } = jobs.worker({
      'test-long': async (_ctx, _p, run) => {
        started.resolve();
        await new Promise((_, reject) => run.signal.addEventListener('abort', () => reject(run.signal.reason)));
      },
    });
    const job = await insertTestJob(jobs.app.ctx.db, 'test-long');
    await started.promise;
    assert.equal(await cancelJob(ctx, job.id), true);
    const row = await jobs.until(job.id, 'cancelled');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, null);
  });

  it('cancels a job running in another worker at that worker next poll', async () => {
    const started = deferred();
    const aborted = deferred<unknown>();
    jobs.worker({
      'test-long': async (_ctx, _p, run) => {
        started.resolve();
        await new Promise((_, reject) =>
          run.signal.addEventListener('abort', () => {
            aborted.resolve(run.signal.reason);
            reject(run.signal.reason);
          }),
        );
      },
    });
    const job = await insertTestJob(jobs.app.ctx.db, 'test-long');
    await started.promise;
    // The test app's context: its own worker does not run this job.
    assert.equal(await cancelJob(jobs.app.ctx, job.id), true);
    const reason = await aborted.promise;
    assert.ok(reason instanceof JobAbortedError && reason.reason === 'cancel');
    await jobs.until(job.id, 'cancelled');
  });

  it('gives running jobs back to the queue when the worker stops, without counting the run', async () => {
    const started = deferred();
    const { worker } = jobs.worker({
      'test-long': async (_ctx, _p, run) => {
        started.resolve();
        await new Promise((_, reject) => run.signal.addEventListener('abort', () => reject(run.signal.reason)));
      },
    });
    const job = await insertTestJob(jobs.app.ctx.db, 'test-long');
    await started.promise;
    await worker.stop();
    const row = await findJob(jobs.app.ctx.db, job.id);
    assert.equal(row?.status, 'queued');
    assert.equal(row?.attempts, 0);
    assert.equal(row?.locked_by, null);
    assert.equal(row?.last_error, null);
    // The next worker runs it.
    jobs.worker({ 'test-long': async () => {} });
    assert.equal((await jobs.until(job.id, 'succeeded')).attempts, 1);
  });

  it('runs higher priority first, and lists jobs newest first', async () => {
    const order: string[] = [];
    const low = await insertTestJob(jobs.app.ctx.db, 'test-order', { n: 'low' });
    const high = await insertTestJob(jobs.app.ctx.db, 'test-order', { n: 'high' }, { priority: 5 });
    jobs.worker({ 'test-order': async (_c, p: { n: string }) => void order.push(p.n) });
    await jobs.until(low.id, 'succeeded');
    await jobs.until(high.id, 'succeeded');
    assert.deepEqual(order, ['high', 'low']);
    const listed = await listJobs(jobs.app.ctx.db, { status: 'succeeded' });
    assert.deepEqual(listed.map((j) => j.id), [high.id, low.id]);
    assert.deepEqual(await listJobs(jobs.app.ctx.db, { status: 'failed' }), []);
  });

  it('prunes finished jobs after 30 days and keeps the rest', async () => {
    const db = jobs.app.ctx.db;
    const old = await insertTestJob(db, 'test-none');
    const recent = await insertTestJob(db, 'test-none');
    const queued = await insertTestJob(db, 'test-none');
    await sql`update jobs set status = 'succeeded', finished_at = now() - interval '31 days' where id = ${old.id}`.execute(db);
    await sql`update jobs set status = 'failed', finished_at = now() - interval '29 days' where id = ${recent.id}`.execute(db);
    assert.equal(await pruneFinishedJobs(db), 1);
    assert.equal(await findJob(db, old.id), undefined);
    assert.ok(await findJob(db, recent.id));
    assert.ok(await findJob(db, queued.id));
  });
});
