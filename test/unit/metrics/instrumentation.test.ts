import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BbbClient } from '../../../src/classroom/bbb/bbb-client.js';
import { BbbFailedError, BbbUnavailableError } from '../../../src/classroom/bbb/bbb-errors.js';
import type { OutboundHttp } from '../../../src/http/outbound.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';

async function sample(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const found = metric?.values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value) && (!('metricName' in v) || v.metricName === `${name}_count` || v.metricName === name));
  return found?.value;
}

/** An outbound client that answers every request with `answer` (or throws it). */
function bbbWith(metrics: Metrics, answer: string | Error): BbbClient {
  const outbound = {
    fetch: async () => {
      if (answer instanceof Error) throw answer;
      return new Response(answer, { headers: { 'content-type': 'text/xml' } });
    },
  } as unknown as OutboundHttp;
  return new BbbClient({ url: 'https://bbb.example.edu/bigbluebutton/api', secret: 's'.repeat(32), checksumAlgorithm: 'sha256', timeoutMs: 1000, trust: 'operator' }, { outbound, metrics });
}

describe('metrics instrumentation', () => {
  it('times BigBlueButton calls by call name and counts FAILED answers and unreachable servers apart', async () => {
    const metrics = createMetrics();
    assert.equal(await bbbWith(metrics, '<response><returncode>SUCCESS</returncode><running>true</running></response>').isMeetingRunning('m-1'), true);
    await assert.rejects(bbbWith(metrics, '<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey></response>').isMeetingRunning('m-1'), BbbFailedError);
    await assert.rejects(bbbWith(metrics, Object.assign(new Error('fetch failed'), { code: 'ECONNREFUSED' })).end('m-1'), BbbUnavailableError);
    assert.equal(await sample(metrics, 'amphi_bbb_call_duration_seconds', { call: 'isMeetingRunning' }), 2);
    assert.equal(await sample(metrics, 'amphi_bbb_call_duration_seconds', { call: 'end' }), 1);
    assert.equal(await sample(metrics, 'amphi_bbb_call_failures_total', { call: 'isMeetingRunning', kind: 'failed' }), 1);
    assert.equal(await sample(metrics, 'amphi_bbb_call_failures_total', { call: 'end', kind: 'unavailable' }), 1);
    assert.equal(await sample(metrics, 'amphi_bbb_call_failures_total', { call: 'isMeetingRunning', kind: 'unavailable' }), undefined);
  });

  it('labels a timed piece of work by how it ended: succeeded, failed, aborted', async () => {
    const metrics = createMetrics();
    assert.equal(await metrics.timeTranscode(undefined, Promise.resolve(7)), 7);
    await assert.rejects(metrics.timeTranscode(new AbortController().signal, Promise.reject(new Error('ffmpeg exited with 1'))), /ffmpeg/);
    const cancelled = new AbortController();
    cancelled.abort();
    await assert.rejects(metrics.timeTranscode(cancelled.signal, Promise.reject(new Error('aborted'))));
    for (const outcome of ['succeeded', 'failed', 'aborted']) {
      assert.equal(await sample(metrics, 'amphi_video_transcode_seconds', { outcome }), 1, outcome);
    }
  });
});
