import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExternalServiceError } from '../../../src/http/errors.js';
import { PlatformServiceError } from '../../../src/lti/services/service-error.js';
import { DEFAULT_RETRY_POLICY, backoffDelayMs, classifyFailure, nextAttemptAt } from '../../../src/grades/retry-policy.js';

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5 };

describe('score retry policy', () => {
  it('doubles the delay from one attempt to the next, jittered between half and all of it, up to the cap', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, undefined, 0)), [500, 1000, 2000, 4000]);
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, undefined, 0.999_999)), [1000, 2000, 4000, 8000]);
    assert.equal(backoffDelayMs(policy, 30, undefined, 0.999_999), 60_000);
    assert.equal(backoffDelayMs(policy, 1000, undefined, 0), 30_000, 'no overflow far down the line');
  });

  it('waits at least what Retry-After asks, within the cap', () => {
    assert.equal(backoffDelayMs(policy, 1, 5000, 0), 5000);
    assert.equal(backoffDelayMs(policy, 1, 10 * 3_600_000, 0), 60_000);
    assert.equal(backoffDelayMs(policy, 4, 100, 0), 4000, 'a short Retry-After does not shorten the backoff');
  });

  it('keeps a score for 5 to 9 hours with the defaults before giving up', () => {
    const total = (random: number) => {
      let ms = 0;
      for (let n = 1; n < DEFAULT_RETRY_POLICY.maxAttempts; n++) ms += backoffDelayMs(DEFAULT_RETRY_POLICY, n, undefined, random);
      return ms / 3_600_000;
    };
    assert.ok(total(0) > 4.5 && total(0.999_999) < 9.2, `${total(0)} h to ${total(0.999_999)} h`);
  });

  it('retries network errors, 5xx, 408, 429, a 401 after the fresh token and token endpoint failures', () => {
    const cases: [PlatformServiceError, string][] = [
      [new PlatformServiceError('lti-ags', 'platform unreachable: fetch failed', undefined, true), 'network'],
      [new PlatformServiceError('lti-ags', 'HTTP 503', 503, true, 2000), '503'],
      [new PlatformServiceError('lti-ags', 'HTTP 408', 408, true), '408'],
      [new PlatformServiceError('lti-ags', 'HTTP 429', 429, true, 1000), '429'],
      [new PlatformServiceError('lti-ags', 'HTTP 401', 401, false), '401 after the token retry'],
      [new PlatformServiceError('lti-token', 'token endpoint refused: HTTP 400', 400, false), 'token endpoint'],
    ];
    for (const [err, label] of cases) assert.equal(classifyFailure(err).kind, 'retry', label);
    assert.deepEqual(classifyFailure(cases[1]![0]), { kind: 'retry', reason: 'lti-ags: HTTP 503', httpStatus: 503, retryAfterMs: 2000 });
    assert.equal(classifyFailure(new Error('connection terminated')).kind, 'retry', 'our own transient failures (database) too');
  });

  it('gives up at once on any other answer of the platform, keeping its reason', () => {
    for (const status of [400, 403, 404, 409, 422]) {
      const outcome = classifyFailure(new PlatformServiceError('lti-ags', `HTTP ${status}: no`, status, false));
      assert.deepEqual(outcome, { kind: 'fail', reason: `lti-ags: HTTP ${status}: no`, httpStatus: status });
      assert.equal(nextAttemptAt(policy, 1, outcome, 0), null);
    }
    assert.equal(classifyFailure(new PlatformServiceError('lti-ags', 'the platform did not grant the scope …/score', undefined, false)).kind, 'fail');
    assert.equal(classifyFailure(new ExternalServiceError('bbb', 'down')).kind, 'retry');
  });

  it('schedules the next attempt until attempts run out', () => {
    const retry = { kind: 'retry', reason: 'x', httpStatus: 500 } as const;
    assert.deepEqual(nextAttemptAt(policy, 1, retry, 10_000, 0), new Date(10_500));
    assert.deepEqual(nextAttemptAt(policy, 4, retry, 10_000, 0), new Date(14_000));
    assert.equal(nextAttemptAt(policy, 5, retry, 10_000, 0), null);
  });
});
