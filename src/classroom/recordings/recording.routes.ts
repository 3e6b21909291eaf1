import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { ListRecordings, RecordingParams, UpdateRecording } from './recording.schemas.js';
import { deleteRecording, listRecordings, requestImport, updateRecording } from './recording.service.js';

/** A classroom's recordings (wire shape in recording.view.ts): learners list the published ones, teachers manage them. */
export function recordingRoutes(ctx: AppContext): Router {
  const router = Router();
  const instructor = requireLaunch(ctx, 'instructor');
  router.get('/api/classrooms/:resourceId/recordings', requireLaunch(ctx), validate(ListRecordings), list);
  router.patch('/api/classrooms/:resourceId/recordings/:recordId', instructor, validate(UpdateRecording), update);
  router.delete('/api/classrooms/:resourceId/recordings/:recordId', instructor, validate(RecordingParams), remove);
  router.post('/api/classrooms/:resourceId/recordings/:recordId/import', instructor, validate(RecordingParams), importIt);

  async function list(_req: Request, res: Response) {
    const { params, query } = input<typeof ListRecordings>(res);
    res.set('Cache-Control', 'no-store').json(await listRecordings(ctx, currentSession(res), params.resourceId, query));
  }
  async function update(_req: Request, res: Response) {
    const { params, body } = input<typeof UpdateRecording>(res);
    res.json(await updateRecording(ctx, currentSession(res), params.resourceId, params.recordId, body));
  }
  async function remove(_req: Request, res: Response) {
    const { params } = input<typeof RecordingParams>(res);
    await deleteRecording(ctx, currentSession(res), params.resourceId, params.recordId);
    res.json({ recordId: params.recordId, deleted: true });
  }
  async function importIt(_req: Request, res: Response) {
    const { params } = input<typeof RecordingParams>(res);
    res.status(202).json(await requestImport(ctx, currentSession(res), params.resourceId, params.recordId));
  }
  return router;
}
