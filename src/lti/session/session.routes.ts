import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { resolveLaunchRoute } from '../../content/launch-route.service.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from './require-launch.js';
import { ChooseLocale } from './session.schemas.js';
import { toSessionResponse } from './session-view.js';
import { chooseLocale, signSessionToken } from './session.service.js';

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
  /** The language switch of the page: kept for this person's later launches. */
  router.put('/api/session/locale', requireLaunch(ctx), validate(ChooseLocale), async (_req, res) => {
    const { body } = input<typeof ChooseLocale>(res);
    res.set('Cache-Control', 'no-store').json(await chooseLocale(ctx, currentSession(res), body.locale));
  });
  return router;
}
