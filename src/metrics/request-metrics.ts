import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics.js';

/** Methods Node's parser accepts beyond these are rare and counted together. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every request into `amphi_http_request_duration_seconds` by method, route pattern and
 * status class. The route is the Express pattern that served it (`/api/videos/:videoId`), so a
 * label never holds an id; static mounts (`mounts`) count as `<mount>/*`, anything else no route
 * matched as `unmatched`. A feature that dispatches without Express routes (the LRS) names the
 * pattern in `res.locals.metricsRoute` (a fixed string or one of a bounded set). Requests the
 * client abandoned before the answer are not timed.
 */
export function requestMetrics(metrics: Metrics, options: { mounts: readonly string[] }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      stop({
        method: METHODS.has(req.method) ? req.method : 'OTHER',
        route: routeOf(req, res, options.mounts),
        status_class: `${Math.floor(res.statusCode / 100)}xx`,
      });
    });
    next();
  };
}

function routeOf(req: Request, res: Response, mounts: readonly string[]): string {
  const labelled: unknown = res.locals.metricsRoute;
  if (typeof labelled === 'string') return labelled;
  // req.route stays the last route that matched; baseUrl is '' here (no router with routes is mounted under a path).
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  const path = (req.originalUrl ?? req.url).split('?')[0] ?? '';
  const mount = mounts.find((m) => path === m || path.startsWith(`${m}/`));
  return mount ? `${mount}/*` : 'unmatched';
}
