import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** One child logger per request (`req.log`) carrying `requestId`; echoes it in `X-Request-Id`. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Bound to req.log, so every line a handler logs carries the id too.
    customProps: (req) => ({ requestId: req.id }),
    // Health probes every few seconds would drown the log.
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: redactPath(req.url?.split('?')[0]) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/**
 * BBB's callback URLs and the presentation links BBB downloads carry their credential in the
 * path; callback tokens never expire, so they stay out of the logs.
 */
export function redactPath(path: string | undefined): string | undefined {
  return path?.replace(/^(\/classroom\/(?:callbacks\/[\w-]+|presentations))\/[^/]+/, '$1/[token]');
}
