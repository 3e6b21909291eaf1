import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { translate } from '../../http/messages.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { PutBbbServer, TestBbbServer } from './bbb-server.schemas.js';
import { getBbbServerView, removeBbbServer, setBbbServer, testBbbServer } from './bbb-server.service.js';
import { toBbbServerResponse } from './bbb-server.view.js';

/**
 * A platform's BigBlueButton server, for its Moodle administrators (session role admin); its
 * teachers may only learn whether one is set. Always the session's own platform: no route
 * names a platform, so no administrator can reach another platform's server.
 */
export function bbbServerRoutes(ctx: AppContext): Router {
  const router = Router();
  const admin = requireLaunch(ctx, 'admin');
  router.get('/api/platform/bbb-server', requireLaunch(ctx, 'instructor'), show);
  router.put('/api/platform/bbb-server', admin, validate(PutBbbServer), save);
  router.delete('/api/platform/bbb-server', admin, remove);
  router.post('/api/platform/bbb-server/test', admin, validate(TestBbbServer), test);

  async function show(_req: Request, res: Response) {
    const session = currentSession(res);
    const view = await getBbbServerView(ctx, session.platform.id);
    res.set('Cache-Control', 'no-store').json(toBbbServerResponse(view, session.role));
  }
  async function save(_req: Request, res: Response) {
    const session = currentSession(res);
    const { body } = input<typeof PutBbbServer>(res);
    const view = await setBbbServer(ctx, session.platform.id, body, session.user?.id ?? null, 'platform-admin');
    res.json(toBbbServerResponse(view, session.role));
  }
  async function remove(_req: Request, res: Response) {
    const session = currentSession(res);
    const removed = await removeBbbServer(ctx, session.platform.id);
    res.json({ ...toBbbServerResponse(await getBbbServerView(ctx, session.platform.id), session.role), removed });
  }
  async function test(_req: Request, res: Response) {
    const session = currentSession(res);
    const { body } = input<typeof TestBbbServer>(res);
    const result = await testBbbServer(ctx, session.platform.id, body, 'platform-admin');
    res.json({ ok: result.ok, code: result.code, message: translate(session.locale, result.code, result.params), version: result.version });
  }
  return router;
}
