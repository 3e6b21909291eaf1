import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, beforeEach, describe, it } from 'node:test';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { insertJob } from '../../../src/jobs/job.repository.js';
import { findJob } from '../../../src/jobs/job.service.js';
import { JobWorker } from '../../../src/jobs/job-worker.js';
import type { ForwardingSink } from '../../../src/lrs/sinks/forwarding-sink.js';
import { LrsForwardingWorker } from '../../../src/lrs/sinks/forwarding-worker.js';
import { insertOutboxRows } from '../../../src/lrs/sinks/sink-outbox.repository.js';
import { readBootstrap } from '../../support/browser-client.js';
import { eventually } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { addLrsPlatform, createLrsClient } from '../../support/lrs-client.js';
import { ROLE } from '../../support/test-platform.js';
import type { TestApp } from '../../support/test-app.js';

/** The samples of a Prometheus text exposition, keyed by name and sorted labels. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}=${v}`).sort();
    samples.set(`${m[1]}{${labels.join(',')}}`, Number(m[3]));
  }
  return samples;
}

function key(name: string, labels: Record<string, string> = {}): string {
  return `${name}{${Object.entries(labels).map(([k, v]) => `${k}=${v}`).sort().join(',')}}`;
}

async function scrape(url: string): Promise<{ text: string; samples: Map<string, number> }> {
  const response = await fetch(`${url}/metrics`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await response.text();
  return { text, samples: parse(text) };
}

describe('GET /metrics', () => {
  const fixture = useRegisteredPlatform();
  let app: TestApp;
  beforeEach(() => {
    app = fixture.app;
  });

  it('refuses a public client that a reverse proxy on this host forwards (X-Forwarded-For), with 403 problem+json', async () => {
    // TRUST_PROXY=loopback (the default) trusts the local proxy, so the client it names is the one judged.
    const response = await fetch(`${app.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9', Accept: '*/*' } });
    assert.equal(response.status, 403);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as { status: number; detail: string };
    assert.equal(problem.status, 403);
    assert.match(problem.detail, /METRICS_ALLOW.*203\.0\.113\.9/);
  });

  describe('when METRICS_ALLOW leaves loopback out', () => {
    let server: http.Server | undefined;
    after(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    it('refuses loopback, and ignores an X-Forwarded-For from a peer TRUST_PROXY does not trust', async () => {
      const parsed = loadConfig({ METRICS_ALLOW: '10.0.0.0/8', TRUST_PROXY: 'false' });
      const config = { ...app.ctx.config, metrics: parsed.metrics, http: { ...app.ctx.config.http, trustProxy: parsed.http.trustProxy } };
      server = http.createServer(buildApp({ ...app.ctx, config }));
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const headers of [{}, { 'X-Forwarded-For': '10.1.2.3' }] as Record<string, string>[]) {
        const response = await fetch(`${url}/metrics`, { headers: { ...headers, 'Accept-Language': 'fr' } });
        assert.equal(response.status, 403, JSON.stringify(headers));
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        const text = await response.text();
        assert.match(text, /adresses listées dans METRICS_ALLOW/);
        assert.doesNotMatch(text, /amphi_/);
      }
    });
  });

  it('counts launches, requests by route pattern, LRS statements and forwarding failures, and reads the queues from the database', async () => {
    const before = (await scrape(app.url)).samples;
    const value = (samples: Map<string, number>, name: string, labels?: Record<string, string>) => samples.get(key(name, labels)) ?? 0;

    const launched = await fixture.platform.launch(app.url, { sub: 'student-1', roles: [ROLE.learner] });
    assert.equal(launched.response.status, 200);
    const { token } = readBootstrap(launched.html);
    const forged = await fetch(`${app.url}/lti/launch`, { method: 'POST', body: new URLSearchParams({ id_token: 'a.b.c', state: 'forged' }), headers: { Accept: 'application/json' } });
    assert.equal(forged.status, 400);

    const auth = { Authorization: `Bearer ${token}` };
    assert.equal((await fetch(`${app.url}/api/session`, { headers: auth })).status, 200);
    const unknownResource = crypto.randomUUID();
    const resource = await fetch(`${app.url}/api/resources/${unknownResource}`, { headers: auth });
    assert.equal(resource.status, 404);
    const unknownPath = `/no-such-page-${crypto.randomUUID()}`;
    assert.equal((await fetch(`${app.url}${unknownPath}`, { headers: { Accept: 'application/json' } })).status, 404);

    const lrs = await createLrsClient(app, await addLrsPlatform(app));
    const statement = (n: number) => ({
      actor: { objectType: 'Agent', mbox: `mailto:learner-${n}@example.edu` },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'https://moodle.example/mod/page/view.php?id=7' },
    });
    const posted = await lrs.request('POST', '/statements', { json: [statement(1), statement(2)] });
    assert.equal(posted.status, 200);
    // A sink that refuses both statements for good.
    await insertOutboxRows(app.ctx.db, ['elasticsearch'], lrs.platformId, posted.json as string[]);
    const refusing: ForwardingSink = { name: 'elasticsearch', deliver: async (items) => items.map(() => ({ kind: 'fail', reason: 'mapping' })), close: async () => {} };
    await new LrsForwardingWorker(app.ctx, { sinks: [refusing] }).drain();

    const kind = 'metrics-test-job';
    const job = await insertJob(app.ctx.db, { id: crypto.randomUUID(), name: kind, payload: {}, platformId: null, priority: 0, runAt: new Date(Date.now() - 90_000), maxAttempts: 1 });

    const { text, samples } = await scrape(app.url);
    const delta = (name: string, labels?: Record<string, string>) => value(samples, name, labels) - value(before, name, labels);
    assert.equal(delta('amphi_lti_launches_total', { outcome: 'success' }), 1);
    assert.equal(delta('amphi_lti_launches_total', { outcome: 'unknown-state' }), 1);
    const requests = (method: string, route: string, status_class: string) => delta('amphi_http_request_duration_seconds_count', { method, route, status_class });
    assert.equal(requests('GET', '/api/session', '2xx'), 1);
    assert.equal(requests('GET', '/api/resources/:id', '4xx'), 1);
    assert.equal(requests('GET', 'unmatched', '4xx'), 1);
    assert.equal(requests('POST', '/lti/launch', '2xx'), 1);
    assert.equal(requests('POST', '/lti/launch', '4xx'), 1);
    assert.equal(requests('POST', '/xapi/statements', '2xx'), 1);
    // Ids and raw paths never become label values.
    assert.ok(!text.includes(unknownResource) && !text.includes(unknownPath));
    assert.equal(delta('amphi_lrs_statements_ingested_total', { source: 'client' }), 2);
    assert.equal(delta('amphi_lrs_forwarding_failures_total', { sink: 'elasticsearch', outcome: 'failed' }), 2);
    assert.equal(value(samples, 'amphi_lrs_forwarding_backlog', { sink: 'elasticsearch', status: 'failed' }), 2);
    assert.equal(value(samples, 'amphi_jobs_queued', { kind }), 1);
    assert.equal(value(samples, 'amphi_jobs_running', { kind }), 0);
    const waited = value(samples, 'amphi_jobs_oldest_due_age_seconds', { kind });
    assert.ok(waited >= 90 && waited < 3600, String(waited));
    // The outbox queries ran on this database: zeros, and no collector failed.
    assert.equal(samples.get(key('amphi_grade_outbox_scores', { status: 'pending' })), 0);
    assert.equal(samples.get(key('amphi_grade_outbox_scores', { status: 'failed' })), 0);
    assert.doesNotMatch(text, /^amphi_metrics_collector_errors_total\{/m);
    assert.ok(samples.has(key('process_cpu_user_seconds_total')), 'process metrics are served too');

    // A worker whose handler throws on the job's only attempt.
    const ctx = { ...app.ctx };
    const worker = new JobWorker(() => ctx, { handlers: { [kind]: async () => Promise.reject(new Error('boom')) } as never, pollMs: 50 });
    ctx.jobs = worker;
    worker.start();
    try {
      await eventually('the job to fail', async () => (await findJob(app.ctx.db, job.id))?.status === 'failed');
    } finally {
      await worker.stop();
    }
    const afterFailure = (await scrape(app.url)).samples;
    assert.equal(value(afterFailure, 'amphi_job_failures_total', { kind, outcome: 'failed' }), 1);
    assert.ok(!afterFailure.has(key('amphi_jobs_queued', { kind })), 'a kind with nothing queued has no series');
  });
});
