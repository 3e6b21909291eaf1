import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { input, validate } from '../http/validate.js';
import { currentSession, requireLaunch } from '../lti/session/require-launch.js';
import { toSessionResponse } from '../lti/session/session-view.js';
import { CreateResource, ListResources, ResourceParams, SwitchResource, UpdateResource } from './resource.schemas.js';
import {
  changeResource,
  createResource,
  listCoursesForPicker,
  listResourcesForPicker,
  loadViewableResource,
  switchLinkResource,
  toResourceResponse,
} from './resource.service.js';

/** The content API (wire shapes in resource.view.ts). Every query is scoped to the session's platform. */
export function resourceRoutes(ctx: AppContext): Router {
  const router = Router();
  const instructor = requireLaunch(ctx, 'instructor');
  router.get('/api/resources', instructor, validate(ListResources), list);
  router.get('/api/resources/courses', instructor, courses);
  router.post('/api/resources', instructor, validate(CreateResource), create);
  router.get('/api/resources/:id', requireLaunch(ctx), validate(ResourceParams), show);
  router.patch('/api/resources/:id', instructor, validate(UpdateResource), update);
  router.put('/api/resource-link/resource', instructor, validate(SwitchResource), switchResource);

  async function list(_req: Request, res: Response) {
    const { query } = input<typeof ListResources>(res);
    res.set('Cache-Control', 'no-store').json({ items: await listResourcesForPicker(ctx, currentSession(res), query) });
  }
  async function courses(_req: Request, res: Response) {
    res.set('Cache-Control', 'no-store').json(await listCoursesForPicker(ctx, currentSession(res)));
  }
  async function create(_req: Request, res: Response) {
    const { body } = input<typeof CreateResource>(res);
    res.status(201).json(await createResource(ctx, currentSession(res), body));
  }
  async function show(_req: Request, res: Response) {
    const { params } = input<typeof ResourceParams>(res);
    const session = currentSession(res);
    res.set('Cache-Control', 'no-store').json(toResourceResponse(await loadViewableResource(ctx, session, params.id), session));
  }
  async function update(_req: Request, res: Response) {
    const { params, body } = input<typeof UpdateResource>(res);
    res.json(await changeResource(ctx, currentSession(res), params.id, body));
  }
  async function switchResource(_req: Request, res: Response) {
    const { body } = input<typeof SwitchResource>(res);
    const session = currentSession(res);
    res.json(toSessionResponse(session, await switchLinkResource(ctx, session, body.resourceId)));
  }
  return router;
}
