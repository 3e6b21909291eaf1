import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { input, validate } from '../http/validate.js';
import { currentSession, requireLaunch } from '../lti/session/require-launch.js';
import { UpdateVideo, VideoParams } from './video.schemas.js';
import { cancelProcessing, getVideo, retryProcessing, updateVideo } from './video.service.js';

/** The video API (wire shape in video.view.ts). Uploads: upload/upload.routes.ts; files: media/media.routes.ts. */
export function videoRoutes(ctx: AppContext): Router {
  const router = Router();
  const instructor = requireLaunch(ctx, 'instructor');
  router.get('/api/videos/:resourceId', requireLaunch(ctx), validate(VideoParams), show);
  router.patch('/api/videos/:resourceId', instructor, validate(UpdateVideo), update);
  router.post('/api/videos/:resourceId/processing/retry', instructor, validate(VideoParams), retry);
  router.delete('/api/videos/:resourceId/processing', instructor, validate(VideoParams), cancel);

  async function show(_req: Request, res: Response) {
    const { params } = input<typeof VideoParams>(res);
    res.set('Cache-Control', 'no-store').json(await getVideo(ctx, currentSession(res), params.resourceId));
  }
  async function update(_req: Request, res: Response) {
    const { params, body } = input<typeof UpdateVideo>(res);
    res.json(await updateVideo(ctx, currentSession(res), params.resourceId, body));
  }
  async function retry(_req: Request, res: Response) {
    const { params } = input<typeof VideoParams>(res);
    res.json(await retryProcessing(ctx, currentSession(res), params.resourceId));
  }
  async function cancel(_req: Request, res: Response) {
    const { params } = input<typeof VideoParams>(res);
    res.json(await cancelProcessing(ctx, currentSession(res), params.resourceId));
  }
  return router;
}
