import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { buildOpenApiDocument } from './openapi-document.js';

/** GET /api/openapi.json: the API description, public and cacheable (it changes only with a release). */
export function openApiRoutes(ctx: AppContext): Router {
  const router = Router();
  let body: string | undefined;
  router.get('/api/openapi.json', (_req, res) => {
    body ??= JSON.stringify(buildOpenApiDocument(ctx.config.http.publicUrl));
    res.set('Cache-Control', 'public, max-age=3600').type('application/json').send(body);
  });
  return router;
}
