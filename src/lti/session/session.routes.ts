import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { resolveLaunchRoute } from '../../content/launch-route.service.js';
import { currentSession, requireLaunch } from './require-launch.js';
import { toSessionResponse } from './session-view.js';
import { signSessionToken } from './session.service.js';

export function sessionRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/session', requireLaunch(ctx), async (_req, res) => {
    const session = currentSession(res);
    res.set('Cache-Control', 'no-store').json(toSessionResponse(session, await resolveLaunchRoute(ctx, session)));
  });
  /** A fresh token while the page stays open, up to the session's maximum age. */
  router.post('/api/session/refresh', requireLaunch(ctx), async (_req, res) => {
    const { token, expiresAt } = await signSessionToken(ctx, currentSession(res).id);
    res.set('Cache-Control', 'no-store').json({ token, tokenExpiresAt: expiresAt.toISOString() });
  });
  return router;
}
