import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { createLogger } from '../../../src/http/logger.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { registerQueueGauges } from '../../../src/metrics/queue-gauges.js';

/** Every amphi_ family an app registers. */
function registeredFamilies(): Set<string> {
  const metrics = createMetrics();
  registerQueueGauges(metrics, createLogger('silent'), { jobs: async () => [], gradeOutbox: async () => ({ pending: 0, failed: 0 }), lrsForwarding: async () => [] });
  return new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));
}

const family = (name: string) => name.replace(/_(bucket|count|sum)$/, '');

describe('metrics documentation', () => {
  const registered = registeredFamilies();

  it('the Grafana dashboard is importable JSON with a data source variable, and queries only metrics Amphi serves', () => {
    const dashboard = JSON.parse(fs.readFileSync('docs/grafana-amphi.json', 'utf8')) as {
      templating: { list: { name: string; type: string }[] };
      panels: { type: string; targets?: { expr: string }[] }[];
    };
    assert.ok(dashboard.templating.list.some((v) => v.name === 'datasource' && v.type === 'datasource'));
    const queried = new Set(dashboard.panels.flatMap((p) => p.targets ?? []).flatMap((t) => [...t.expr.matchAll(/\bamphi_\w+/g)].map((m) => family(m[0]))));
    assert.deepEqual([...queried].filter((name) => !registered.has(name)), []);
    // And every family has a panel.
    assert.deepEqual([...registered].filter((name) => !queried.has(name)), []);
  });

  it('docs/metrics.md names every family, and no other', () => {
    const text = fs.readFileSync('docs/metrics.md', 'utf8');
    // `amphi_jobs_*` (a wildcard) is not a name.
    const named = new Set([...text.matchAll(/`(amphi_\w+)/g)].map((m) => family(m[1]!)).filter((n) => !n.endsWith('_')));
    assert.deepEqual([...registered].filter((name) => !named.has(name)).sort(), []);
    assert.deepEqual([...named].filter((name) => !registered.has(name)).sort(), []);
  });
});
