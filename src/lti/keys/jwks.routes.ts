import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { publicJwks } from './tool-key.service.js';

/** `GET /.well-known/jwks.json`: the tool's public keys, for platforms verifying our JWTs. */
export function jwksRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await publicJwks(ctx.db));
  });
  return router;
}
