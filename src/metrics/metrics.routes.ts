import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../http/errors.js';
import { AddressAllowList } from './address-allow.js';
import type { Metrics } from './metrics.js';
import { processMetricsRegistry } from './process-metrics.js';

/**
 * GET /metrics in Prometheus' text format: this app's metrics and this process's. Only for the
 * addresses of METRICS_ALLOW. The address is req.ip: the peer itself, or, when the peer is a
 * proxy TRUST_PROXY trusts, the client it names in X-Forwarded-For. So a reverse proxy on this
 * host that forwards the public's requests does not make them loopback, and an untrusted peer
 * cannot claim an address with the header.
 */
export function metricsRoutes(deps: { metrics: Metrics; allow: readonly string[] }): Router {
  const router = Router();
  const allowList = new AddressAllowList(deps.allow);
  router.get('/metrics', requireAllowedAddress(allowList), serveMetrics);

  async function serveMetrics(_req: Request, res: Response) {
    const [app, process] = await Promise.all([deps.metrics.registry.metrics(), processMetricsRegistry().metrics()]);
    res.set('Cache-Control', 'no-store').type(deps.metrics.registry.contentType).send(`${app}\n${process}`);
  }
  return router;
}

function requireAllowedAddress(allowList: AddressAllowList) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (allowList.allows(req.ip)) return next();
    next(new AppError('metrics-forbidden', 403, { address: req.ip ?? 'unknown' }));
  };
}
