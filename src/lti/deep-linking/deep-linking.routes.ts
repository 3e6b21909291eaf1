import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { DeepLinkingResponse } from '../../content/resource.schemas.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from '../session/require-launch.js';
import { buildDeepLinkingResponse } from './deep-linking.service.js';

export function deepLinkingRoutes(ctx: AppContext): Router {
  const router = Router();
  /** The signed answer the page posts to the platform's deep_link_return_url. */
  router.post('/api/deep-linking/response', requireLaunch(ctx, 'instructor'), validate(DeepLinkingResponse), async (_req, res) => {
    const { body } = input<typeof DeepLinkingResponse>(res);
    res.set('Cache-Control', 'no-store').json(await buildDeepLinkingResponse(ctx, currentSession(res), body.items));
  });
  return router;
}
