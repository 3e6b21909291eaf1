import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { AppError, UnauthorizedError } from '../../http/errors.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { sessionFromToken } from '../../lti/session/session.service.js';
import { PostVideoStatements, STATEMENTS_BODY_LIMIT } from './tracking.schemas.js';
import { recordVideoStatements } from './tracking.service.js';

/**
 * The player's xAPI statements. Two forms: JSON with the Bearer session token (what fetch sends),
 * and `text/plain` with the token inside the body, `{"token": …, "statements": […]}`: what
 * navigator.sendBeacon sends when the page goes away (it cannot set headers, and text/plain keeps
 * it a simple request). Mounted before the app's JSON parser: this route has its own body limit.
 */
export function trackingRoutes(ctx: AppContext): Router {
  const router = Router();
  const learner = requireLaunch(ctx, 'learner');
  router.post(
    '/api/videos/:resourceId/statements',
    acceptedTypes,
    express.json({ limit: STATEMENTS_BODY_LIMIT, type: 'application/json' }),
    express.text({ limit: STATEMENTS_BODY_LIMIT, type: 'text/plain' }),
    (req, res, next) => (typeof req.body === 'string' ? beaconSession(req, res, next) : learner(req, res, next)),
    validate(PostVideoStatements),
    post,
  );

  async function post(_req: Request, res: Response) {
    const { params, body } = input<typeof PostVideoStatements>(res);
    res.set('Cache-Control', 'no-store').json(await recordVideoStatements(ctx, currentSession(res), params.resourceId, body.statements));
  }

  /** The beacon form: the body is JSON sent as text, its `token` is the session. */
  async function beaconSession(req: Request, res: Response, next: NextFunction) {
    let body: unknown;
    try {
      body = JSON.parse(req.body as string);
    } catch (err) {
      return next(new AppError('malformed-body', 400, { reason: (err as Error).message }));
    }
    req.body = body;
    const token = (body as { token?: unknown } | null)?.token;
    const session = typeof token === 'string' ? await sessionFromToken(ctx, token) : undefined;
    if (!session) return next(new UnauthorizedError('session-required', 401));
    res.locals.session = session;
    req.log = req.log?.child({ sessionId: session.id, platformId: session.platform.id, role: session.role });
    next();
  }
  return router;
}

function acceptedTypes(req: Request, _res: Response, next: NextFunction) {
  if (req.is(['application/json', 'text/plain'])) return next();
  next(new AppError('unsupported-media-type', 415, { type: req.headers['content-type'] ?? 'a body without Content-Type' }));
}
