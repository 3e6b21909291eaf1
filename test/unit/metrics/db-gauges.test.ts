import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../src/http/logger.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { registerQueueGauges, type QueueSources } from '../../../src/metrics/queue-gauges.js';

const logger = createLogger('silent');

function sources(overrides: Partial<QueueSources> = {}): QueueSources {
  return {
    jobs: async () => [{ kind: 'transcode-video', queued: 3, running: 1, oldestDueSeconds: 42.5 }],
    gradeOutbox: async () => ({ pending: 2, failed: 1 }),
    lrsForwarding: async () => [{ sink: 'elasticsearch', status: 'pending', count: 7 }],
    ...overrides,
  };
}

describe('database gauges', () => {
  it('reads each backlog once per scrape and exposes it with its labels', async () => {
    const metrics = createMetrics();
    let jobReads = 0;
    registerQueueGauges(metrics, logger, sources({ jobs: async () => (jobReads++, [{ kind: 'transcode-video', queued: 3, running: 1, oldestDueSeconds: 42.5 }]) }));
    const text = await metrics.registry.metrics();
    assert.equal(jobReads, 1, 'the three job families share one query');
    assert.match(text, /^amphi_jobs_queued\{kind="transcode-video"\} 3$/m);
    assert.match(text, /^amphi_jobs_running\{kind="transcode-video"\} 1$/m);
    assert.match(text, /^amphi_jobs_oldest_due_age_seconds\{kind="transcode-video"\} 42.5$/m);
    assert.match(text, /^amphi_grade_outbox_scores\{status="pending"\} 2$/m);
    assert.match(text, /^amphi_grade_outbox_scores\{status="failed"\} 1$/m);
    assert.match(text, /^amphi_lrs_forwarding_backlog\{sink="elasticsearch",status="pending"\} 7$/m);
    await metrics.registry.metrics();
    assert.equal(jobReads, 2, 'read again at the next scrape, not cached');
  });

  it('drops a kind that left the queue at the next scrape', async () => {
    const metrics = createMetrics();
    let stats = [{ kind: 'a', queued: 1, running: 0, oldestDueSeconds: 0 }, { kind: 'b', queued: 2, running: 0, oldestDueSeconds: 0 }];
    registerQueueGauges(metrics, logger, sources({ jobs: async () => stats }));
    assert.match(await metrics.registry.metrics(), /amphi_jobs_queued\{kind="b"\} 2/);
    stats = [{ kind: 'a', queued: 1, running: 0, oldestDueSeconds: 0 }];
    assert.doesNotMatch(await metrics.registry.metrics(), /kind="b"/);
  });

  it('serves the rest of the scrape when a query fails, and counts the failure', async () => {
    const metrics = createMetrics();
    registerQueueGauges(metrics, logger, sources({ gradeOutbox: async () => Promise.reject(new Error('connection lost')) }));
    metrics.launches.inc({ outcome: 'success' });
    const text = await metrics.registry.metrics();
    assert.match(text, /^amphi_jobs_queued\{kind="transcode-video"\} 3$/m);
    assert.match(text, /^amphi_lti_launches_total\{outcome="success"\} 1$/m);
    assert.doesNotMatch(text, /^amphi_grade_outbox_scores\{/m);
    assert.match(text, /^amphi_metrics_collector_errors_total\{collector="grade-outbox"\} 1$/m);
  });

  it('registers once when an app is built twice on one context', () => {
    const metrics = createMetrics();
    registerQueueGauges(metrics, logger, sources());
    assert.doesNotThrow(() => registerQueueGauges(metrics, logger, sources()));
  });
});
