import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from '../../../src/jobs/job-backoff.js';

describe('retryDelayMs', () => {
  it('doubles from the base, half of it fixed and half random', () => {
    assert.equal(retryDelayMs(5000, 1, 0), 2500);
    assert.equal(retryDelayMs(5000, 1, 0.999999), 5000);
    assert.equal(retryDelayMs(5000, 2, 0), 5000);
    assert.equal(retryDelayMs(5000, 3, 0.5), 15000);
  });

  it('never waits more than an hour, whatever the attempt count', () => {
    assert.equal(retryDelayMs(5000, 20, 0.5), 2_700_000);
    assert.equal(retryDelayMs(5000, 10_000, 0), 1_800_000);
  });

  it('treats attempt 0 like the first', () => {
    assert.equal(retryDelayMs(100, 0, 0), 50);
  });
});
