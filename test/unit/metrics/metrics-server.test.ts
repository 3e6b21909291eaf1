import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { startMetricsServer } from '../../../src/metrics/metrics-server.js';

/** `amphi worker`'s own /metrics listener (WORKER_METRICS_PORT): what the worker counted, under the same address rule. */
describe('the worker’s metrics listener', () => {
  it('serves the process’s counters to allowed addresses only, and nothing else', async () => {
    const metrics = createMetrics();
    metrics.jobFailures.inc({ kind: 'transcode-video', outcome: 'retry' }, 2);
    const open = await startMetricsServer({ metrics, allow: ['127.0.0.0/8'], trustProxy: 'false', host: '127.0.0.1', port: 0 });
    // The attack: a peer outside METRICS_ALLOW claiming an allowed address in X-Forwarded-For.
    const closed = await startMetricsServer({ metrics, allow: ['10.0.0.0/8'], trustProxy: 'false', host: '127.0.0.1', port: 0 });
    try {
      const scraped = await fetch(`${open.url}/metrics`);
      assert.equal(scraped.status, 200);
      assert.match(scraped.headers.get('content-type') ?? '', /^text\/plain/);
      assert.match(await scraped.text(), /^amphi_job_failures_total\{kind="transcode-video",outcome="retry"\} 2$/m);

      const refused = await fetch(`${closed.url}/metrics`, { headers: { 'X-Forwarded-For': '10.1.2.3' } });
      assert.equal(refused.status, 403);
      assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.doesNotMatch(await refused.text(), /job_failures/);

      const other = await fetch(`${open.url}/api/resources`);
      assert.equal(other.status, 404, 'the listener answers /metrics only');
    } finally {
      await open.close();
      await closed.close();
    }
  });
});
