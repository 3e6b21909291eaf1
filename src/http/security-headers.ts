import helmet from 'helmet';
import type { RequestHandler, Response } from 'express';

/**
 * helmet's headers. Framing is `'self'` only unless a route allows more for its own response
 * (`allowFramingBy`): a launch, and everything its session asks for, names the session's platform
 * and no other, so no platform can frame another tenant's pages (and anonymous pages are framed by
 * nobody). X-Frame-Options is off: it cannot express a list and CSP supersedes it.
 */
export function securityHeaders(options: { mediaOrigins?: string[] } = {}): RequestHandler {
  // Media from an object store (MEDIA_STORAGE=s3): players fetch segments (hls.js: connect-src),
  // posters (img-src) and files (media-src) from the bucket's origin, and from nowhere else.
  const media = (options.mediaOrigins ?? []).filter((o) => /^https?:\/\/[^/\s;,']+$/.test(o));
  return helmet({
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
        'img-src': ["'self'", 'data:', 'blob:', ...media],
        'media-src': ["'self'", 'blob:', ...media],
        'connect-src': ["'self'", ...media],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ['*'],
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
}

/**
 * Lets the origins of `urls` frame this response (added to the frame-ancestors helmet already
 * set). Only http(s) origins are kept, so nothing else can reach the header.
 */
export function allowFramingBy(res: Response, urls: string[]): void {
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp !== 'string') return;
  const origins = urls.map(httpOrigin).filter((o): o is string => !!o);
  if (!origins.length) return;
  res.setHeader(
    'Content-Security-Policy',
    csp.replace(/frame-ancestors ([^;]*)/, (_m, current: string) => `frame-ancestors ${[...new Set([...current.split(' '), ...origins])].join(' ')}`),
  );
}

function httpOrigin(url: string): string | undefined {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : undefined;
  } catch {
    return undefined;
  }
}
