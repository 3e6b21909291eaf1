import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import { input, validate } from '../http/validate.js';
import { currentSession, requireLaunch } from '../lti/session/require-launch.js';
import { contentDisposition } from '../video/media/media.service.js';
import {
  CreateTrack,
  ExportCaptions,
  GenerateCaptions,
  ImportCaptions,
  ResourceCaptionsParams,
  RestoreVersion,
  SaveCaptions,
  TrackParams,
  UpdateTrack,
} from './captions.schemas.js';
import {
  captionVersions,
  createTrack,
  detail,
  exportCaptions,
  generateCaptions,
  getCaptions,
  importCaptions,
  removeCaptionTrack,
  restoreVersion,
  saveCaptions,
  updateCaptionTrack,
} from './captions.service.js';

/**
 * The captions API (wire shape in captions.view.ts), for the video's teachers. Mounted before the
 * API's JSON parser: a lecture's cues are larger than its limit, and an imported file is read as
 * bytes (its encoding is found by the service, not assumed).
 */
export function captionsRoutes(ctx: AppContext): Router {
  const router = Router();
  const instructor = requireLaunch(ctx, 'instructor');
  // A 1,500-cue lecture is ~150 KB of JSON; the import limit bounds both.
  const json = express.json({ limit: ctx.config.captions.maxImportBytes * 4, type: ['application/json'] });
  router.get('/api/videos/:resourceId/captions', instructor, validate(ResourceCaptionsParams), list);
  router.post('/api/videos/:resourceId/captions/generate', instructor, json, validate(GenerateCaptions), generate);
  router.post('/api/videos/:resourceId/captions/import', instructor, fileBody(ctx), validate(ImportCaptions), importFile);
  router.post('/api/videos/:resourceId/captions', instructor, json, validate(CreateTrack), create);
  router.get('/api/captions/:trackId', instructor, validate(TrackParams), show);
  router.put('/api/captions/:trackId', instructor, json, validate(SaveCaptions), save);
  router.patch('/api/captions/:trackId', instructor, json, validate(UpdateTrack), update);
  router.delete('/api/captions/:trackId', instructor, validate(TrackParams), remove);
  router.get('/api/captions/:trackId/versions', instructor, validate(TrackParams), versions);
  router.post('/api/captions/:trackId/versions/:version/restore', instructor, validate(RestoreVersion), restore);
  router.get('/api/captions/:trackId/export', instructor, validate(ExportCaptions), exportFile);

  async function list(_req: Request, res: Response) {
    const { params } = input<typeof ResourceCaptionsParams>(res);
    res.set('Cache-Control', 'no-store').json(await getCaptions(ctx, currentSession(res), params.resourceId));
  }
  async function generate(_req: Request, res: Response) {
    const { params, body } = input<typeof GenerateCaptions>(res);
    res.status(202).json(await generateCaptions(ctx, currentSession(res), params.resourceId, body.lang));
  }
  async function importFile(req: Request, res: Response) {
    const { params, query } = input<typeof ImportCaptions>(res);
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    res.status(201).json(await importCaptions(ctx, currentSession(res), params.resourceId, { ...query, bytes }));
  }
  async function create(_req: Request, res: Response) {
    const { params, body } = input<typeof CreateTrack>(res);
    res.status(201).json(await createTrack(ctx, currentSession(res), params.resourceId, body));
  }
  async function show(_req: Request, res: Response) {
    const { params } = input<typeof TrackParams>(res);
    res.set('Cache-Control', 'no-store').json(await detail(ctx, currentSession(res), params.trackId));
  }
  async function save(_req: Request, res: Response) {
    const { params, body } = input<typeof SaveCaptions>(res);
    res.json(await saveCaptions(ctx, currentSession(res), params.trackId, body));
  }
  async function update(_req: Request, res: Response) {
    const { params, body } = input<typeof UpdateTrack>(res);
    res.json(await updateCaptionTrack(ctx, currentSession(res), params.trackId, body));
  }
  async function remove(_req: Request, res: Response) {
    const { params } = input<typeof TrackParams>(res);
    await removeCaptionTrack(ctx, currentSession(res), params.trackId);
    res.status(204).end();
  }
  async function versions(_req: Request, res: Response) {
    const { params } = input<typeof TrackParams>(res);
    res.set('Cache-Control', 'no-store').json(await captionVersions(ctx, currentSession(res), params.trackId));
  }
  async function restore(_req: Request, res: Response) {
    const { params } = input<typeof RestoreVersion>(res);
    res.json(await restoreVersion(ctx, currentSession(res), params.trackId, params.version));
  }
  async function exportFile(_req: Request, res: Response) {
    const { params, query } = input<typeof ExportCaptions>(res);
    const file = await exportCaptions(ctx, currentSession(res), params.trackId, query.format);
    res.set({ 'Content-Type': file.contentType, 'Content-Disposition': contentDisposition(file.fileName), 'Cache-Control': 'no-store' }).send(file.body);
  }
  return router;
}

/** The imported file's bytes up to the import limit (a larger one: 422 naming the limit). */
function fileBody(ctx: AppContext) {
  const limit = ctx.config.captions.maxImportBytes;
  const parse = express.raw({ type: () => true, limit });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => next((err as { type?: string } | undefined)?.type === 'entity.too.large' ? new AppError('captions-file-too-large', 422, { maxBytes: limit }) : err));
}
