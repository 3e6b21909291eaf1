import { Counter, Gauge } from 'prom-client';
import type { Logger } from '../http/logger.js';
import { METRIC_PREFIX, type Metrics } from './metrics.js';

export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

export interface DbGaugeFamily {
  help: string;
  labelNames: readonly string[];
}

/**
 * Gauges computed when scraped, from one aggregate query (`read`) shared by the families it fills
 * (prom-client collects every metric of a scrape at once: the families' collects share the
 * query under way). The database is the truth, so these are the same whichever process is
 * scraped. A failing query is logged and counted, and its families come out empty: the rest of
 * the scrape is still served. Registering the same families twice on a registry does nothing.
 */
export function registerDbGauges<F extends string>(
  metrics: Metrics,
  logger: Logger,
  collector: { name: string; families: Record<F, DbGaugeFamily>; read: () => Promise<Record<F, GaugeSample[]>> },
): void {
  const { registry } = metrics;
  const names = Object.keys(collector.families) as F[];
  if (names.some((name) => registry.getSingleMetric(METRIC_PREFIX + name))) return;
  const errors = collectorErrors(metrics);
  const reads = readsUnderWay.get(metrics);
  let pending: Promise<Record<F, GaugeSample[]> | undefined> | undefined;
  const readOnce = () => {
    if (pending) return pending;
    const read = collector
      .read()
      .catch((err: unknown) => {
        logger.warn({ err, collector: collector.name }, 'metrics collector failed: its gauges are left out of this scrape');
        errors.inc({ collector: collector.name });
        return undefined;
      })
      .finally(() => {
        pending = undefined;
        reads?.delete(read);
      });
    reads?.add(read);
    return (pending = read);
  };
  for (const name of names) {
    const family = collector.families[name];
    new Gauge({
      name: METRIC_PREFIX + name,
      help: family.help,
      labelNames: family.labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        const samples = await readOnce();
        for (const sample of samples?.[name] ?? []) this.set(sample.labels, sample.value);
      },
    });
  }
}

/** The reads under way in a registry's scrape: the error counter waits for them, to count this scrape's failures. */
const readsUnderWay = new WeakMap<Metrics, Set<Promise<unknown>>>();

function collectorErrors(metrics: Metrics): Counter<'collector'> {
  const name = `${METRIC_PREFIX}metrics_collector_errors_total`;
  const existing = metrics.registry.getSingleMetric(name) as Counter<'collector'> | undefined;
  if (existing) return existing;
  const reads = new Set<Promise<unknown>>();
  readsUnderWay.set(metrics, reads);
  return new Counter({
    name,
    help: 'Scrape-time database queries that failed, by collector',
    labelNames: ['collector'],
    registers: [metrics.registry],
    async collect() {
      // A scrape starts every collect at once: by the next turn of the loop, this scrape's reads are under way.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled([...reads]);
    },
  });
}
