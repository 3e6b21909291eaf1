import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExternalServiceError } from '../../../../src/http/errors.js';
import { retryAfterMs, retryDelayMs, shortReason, SinkUnavailableError } from '../../../../src/lrs/sinks/forwarding-sink.js';

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('forwarding retry delays', () => {
  it('doubles from one failure to the next, jittered between half and all of it, up to the cap', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, undefined, 0)), [500, 1000, 2000, 4000]);
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(policy, n, undefined, 0.999_999)), [1000, 2000, 4000, 8000]);
    assert.equal(retryDelayMs(policy, 40, undefined, 0.999_999), 60_000);
    assert.equal(retryDelayMs(policy, 10_000, undefined, 0), 30_000, 'no overflow however long the target is down');
  });

  it('waits at least what Retry-After asks, within the cap', () => {
    assert.equal(retryDelayMs(policy, 1, 5000, 0), 5000);
    assert.equal(retryDelayMs(policy, 1, 3_600_000, 0), 60_000);
    assert.equal(retryDelayMs(policy, 4, 100, 0), 4000);
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs(['7']), 7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
  });
});

describe('sink errors', () => {
  it('are ExternalServiceErrors naming the service and the reason', () => {
    const err = new SinkUnavailableError('xapi', 'ECONNREFUSED', 3000);
    assert.ok(err instanceof ExternalServiceError);
    assert.deepEqual(err.params, { service: 'xapi', reason: 'ECONNREFUSED' });
    assert.equal(err.reason, 'ECONNREFUSED');
    assert.equal(err.retryAfterMs, 3000);
  });

  it('keep reasons to one short line', () => {
    assert.equal(shortReason('a\n  b\tc'), 'a b c');
    assert.equal(shortReason('x'.repeat(600)).length, 500);
    assert.ok(shortReason('x'.repeat(600)).endsWith('…'));
  });
});
