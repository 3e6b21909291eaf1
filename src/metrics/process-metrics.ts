import { Registry, collectDefaultMetrics } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * CPU, memory, event loop lag, GC and file descriptors of this process (prom-client's defaults,
 * under process_ and nodejs_). They describe the process, not an app: one registry per process,
 * made on the first scrape, so that building many apps in one process (the tests) does not start
 * many GC observers and event loop monitors that nothing stops.
 */
export function processMetricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
