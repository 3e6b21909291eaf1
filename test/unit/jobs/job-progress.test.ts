import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { ProgressWriter } from '../../../src/jobs/job-progress.js';

/** Lets the queued write callbacks run (setImmediate is not mocked). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ProgressWriter', () => {
  function writer() {
    const writes: [number, string | null][] = [];
    return { writes, progress: new ProgressWriter(async (f, l) => void writes.push([f, l])) };
  }

  it('writes the first report at once, then at most one a second, the latest value winning', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const { writes, progress } = writer();
      progress.report(0.1, 'probing');
      mock.timers.tick(0);
      await settle();
      assert.deepEqual(writes, [[0.1, 'probing']]);
      progress.report(0.2);
      progress.report(0.3, 'encoding');
      progress.report(0.35);
      mock.timers.tick(999);
      await settle();
      assert.equal(writes.length, 1);
      mock.timers.tick(1);
      await settle();
      assert.deepEqual(writes, [[0.1, 'probing'], [0.35, 'encoding']]);
    } finally {
      mock.timers.reset();
    }
  });

  it('flush writes what is pending and nothing after', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    try {
      const { writes, progress } = writer();
      progress.report(0.5, 'a');
      mock.timers.tick(0);
      progress.report(0.7);
      await progress.flush();
      assert.deepEqual(writes, [[0.5, 'a'], [0.7, 'a']]);
      mock.timers.tick(5000);
      await settle();
      assert.equal(writes.length, 2);
    } finally {
      mock.timers.reset();
    }
  });

  it('clamps what handlers report to 0..1', async () => {
    const { writes, progress } = writer();
    progress.report(1.7);
    await progress.flush();
    progress.report(Number.NaN);
    await progress.flush();
    progress.report(-2);
    await progress.flush();
    assert.deepEqual(writes.map((w) => w[0]), [1, 0, 0]);
  });
});
