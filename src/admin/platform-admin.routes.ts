import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { input, validate } from '../http/validate.js';
import { currentSession, requireLaunch } from '../lti/session/require-launch.js';
import { CreateCredential, CredentialParams, JobParams, ListJobs, PutDeploymentsPolicy, PutLrsIdentity, PutUploadLimit, RequeueForwarding } from './platform-admin.schemas.js';
import * as admin from './platform-admin.service.js';

/**
 * The administration page's API, for a Moodle administrator's launch (LTI system or institution
 * Administrator role). No route names a platform: each acts on the session's own, so an
 * administrator of one platform cannot read or change another's.
 */
export function platformAdminRoutes(ctx: AppContext): Router {
  const router = Router();
  // Per route, not router.use('/api/admin'): other features' /api/admin routes run their own guard.
  const guard = [requireLaunch(ctx, 'admin'), noStore];
  router.get('/api/admin/platform', guard, showPlatform);
  router.put('/api/admin/platform/deployments', guard, validate(PutDeploymentsPolicy), saveDeploymentsPolicy);
  router.put('/api/admin/platform/lrs-identity', guard, validate(PutLrsIdentity), saveLrsIdentity);
  router.put('/api/admin/platform/upload-limit', guard, validate(PutUploadLimit), saveUploadLimit);
  router.get('/api/admin/lrs-credentials', guard, listCredentials);
  router.post('/api/admin/lrs-credentials', guard, validate(CreateCredential), createCredential);
  router.delete('/api/admin/lrs-credentials/:idOrKey', guard, validate(CredentialParams), revokeCredential);
  router.get('/api/admin/forwarding', guard, showForwarding);
  router.post('/api/admin/forwarding/requeue', guard, validate(RequeueForwarding), requeueForwarding);
  router.get('/api/admin/jobs', guard, validate(ListJobs), listJobs);
  router.post('/api/admin/jobs/:id/retry', guard, validate(JobParams), retryJob);
  router.post('/api/admin/jobs/:id/cancel', guard, validate(JobParams), cancelJob);

  const actor = (res: Response): admin.AdminActor => {
    const session = currentSession(res);
    return { platformId: session.platform.id, userId: session.user?.id ?? null };
  };
  const platformId = (res: Response) => currentSession(res).platform.id;

  async function showPlatform(_req: Request, res: Response) {
    res.json(await admin.getPlatformSettings(ctx, platformId(res)));
  }
  async function saveDeploymentsPolicy(_req: Request, res: Response) {
    const { body } = input<typeof PutDeploymentsPolicy>(res);
    res.json(await admin.setDeploymentsPolicy(ctx, actor(res), body.allow));
  }
  async function saveLrsIdentity(_req: Request, res: Response) {
    const { body } = input<typeof PutLrsIdentity>(res);
    res.json(await admin.setPlatformLrsIdentity(ctx, actor(res), body.lrsIdentity));
  }
  async function saveUploadLimit(_req: Request, res: Response) {
    const { body } = input<typeof PutUploadLimit>(res);
    res.json(await admin.setUploadLimit(ctx, actor(res), body.bytes));
  }
  async function listCredentials(_req: Request, res: Response) {
    res.json({ credentials: await admin.listPlatformCredentials(ctx, platformId(res)) });
  }
  async function createCredential(_req: Request, res: Response) {
    const { body } = input<typeof CreateCredential>(res);
    res.status(201).json(await admin.createPlatformCredential(ctx, actor(res), body));
  }
  async function revokeCredential(_req: Request, res: Response) {
    const { params } = input<typeof CredentialParams>(res);
    res.json(await admin.revokePlatformCredential(ctx, actor(res), params.idOrKey));
  }
  async function showForwarding(_req: Request, res: Response) {
    res.json(await admin.getForwardingStatus(ctx, platformId(res)));
  }
  async function requeueForwarding(_req: Request, res: Response) {
    const { body } = input<typeof RequeueForwarding>(res);
    res.json(await admin.requeuePlatformForwarding(ctx, actor(res), body.sink));
  }
  async function listJobs(_req: Request, res: Response) {
    const { query } = input<typeof ListJobs>(res);
    res.json({ jobs: await admin.listPlatformJobs(ctx, platformId(res), query) });
  }
  async function retryJob(_req: Request, res: Response) {
    const { params } = input<typeof JobParams>(res);
    res.json(await admin.retryPlatformJob(ctx, actor(res), params.id));
  }
  async function cancelJob(_req: Request, res: Response) {
    const { params } = input<typeof JobParams>(res);
    res.json(await admin.cancelPlatformJob(ctx, actor(res), params.id));
  }
  return router;
}

/** Settings and secrets: never kept by a cache on the way. */
function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set('Cache-Control', 'no-store');
  next();
}
