import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { disableBbbXapi, enableBbbXapi, getBbbXapiView } from './bbb-xapi.service.js';

/**
 * BigBlueButton's own xAPI for the admin page: read, enable or rotate (POST), disable (DELETE).
 * Moodle administrators only (session role admin), always on the session's own platform: no
 * route names a platform, so no administrator reaches another platform's payload.
 */
export function bbbXapiRoutes(ctx: AppContext): Router {
  const router = Router();
  const admin = requireLaunch(ctx, 'admin');
  router.get('/api/admin/bbb-xapi', admin, show);
  router.post('/api/admin/bbb-xapi', admin, enable);
  router.delete('/api/admin/bbb-xapi', admin, disable);

  async function show(_req: Request, res: Response) {
    const session = currentSession(res);
    res.set('Cache-Control', 'no-store').json(await getBbbXapiView(ctx, session.platform.id));
  }
  async function enable(_req: Request, res: Response) {
    const session = currentSession(res);
    res.set('Cache-Control', 'no-store').json(await enableBbbXapi(ctx, session.platform.id, session.user?.id ?? null));
  }
  async function disable(_req: Request, res: Response) {
    const session = currentSession(res);
    res.set('Cache-Control', 'no-store').json(await disableBbbXapi(ctx, session.platform.id));
  }
  return router;
}
