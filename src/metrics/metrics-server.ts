import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { errorHandler, notFoundHandler } from '../http/error-handler.js';
import { trustProxyValue } from '../http/trust-proxy.js';
import type { Metrics } from './metrics.js';
import { metricsRoutes } from './metrics.routes.js';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A listener that answers GET /metrics only, for processes without Amphi's HTTP server
 * (`amphi worker`, WORKER_METRICS_PORT): their job failures and transcode seconds are counted in
 * their own memory, so Prometheus scrapes each worker as it scrapes each server. Same address
 * rule (METRICS_ALLOW, after TRUST_PROXY), same 403 problem+json.
 */
export async function startMetricsServer(options: { metrics: Metrics; allow: readonly string[]; trustProxy: string; host: string; port: number }): Promise<MetricsServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxyValue(options.trustProxy));
  app.use(metricsRoutes({ metrics: options.metrics, allow: options.allow }));
  app.use(notFoundHandler());
  app.use(errorHandler());
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
