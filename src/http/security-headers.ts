import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FrameAncestors } from './frame-ancestors.js';

/**
 * helmet's headers with a per-request `frame-ancestors`: only registered platforms may frame
 * Amphi. A route may widen it for one response with `allowFramingBy` (dynamic registration is
 * framed by a platform not registered yet). X-Frame-Options is off: it cannot express a list and
 * CSP supersedes it.
 */
export function securityHeaders(frameAncestors: FrameAncestors): RequestHandler[] {
  const setAncestors = async (_req: Request, res: Response, next: NextFunction) => {
    try {
      const origins = await frameAncestors.origins();
      res.locals.frameAncestorList = origins;
      next();
    } catch (err) {
      next(err);
    }
  };
  const headers = helmet({
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    // Pages are framed by the LMS and open popups (new-window launch, registration close).
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ['*'],
        'frame-ancestors': [
          (_req, res) => {
            const locals = (res as Response).locals;
            const list: string[] = locals.frameAncestorList ?? [];
            return list.length ? ["'self'", ...list].join(' ') : "'self'";
          },
        ],
        'upgrade-insecure-requests': null,
      },
    },
  });
  return [setAncestors, headers];
}

/** Adds origins to this response's frame-ancestors (the header is already set by helmet). */
export function allowFramingBy(res: Response, origins: string[]): void {
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp !== 'string') return;
  res.setHeader(
    'Content-Security-Policy',
    csp.replace(/frame-ancestors ([^;]*)/, (_m, current: string) => `frame-ancestors ${[...new Set([...current.split(' '), ...origins])].join(' ')}`),
  );
}
