import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { ClassroomParams, PresentationFileParams, UpdateClassroom, UploadPresentation } from './classroom.schemas.js';
import { getClassroom, updateClassroom } from './classroom-settings.service.js';
import { deletePresentation, openPresentationFile, presentationTooLarge, savePresentation } from './presentation.service.js';

/** A classroom's settings, schedule and presentation (wire shapes in classroom.view.ts). */
export function classroomRoutes(ctx: AppContext): Router {
  const router = Router();
  const instructor = requireLaunch(ctx, 'instructor');
  router.get('/api/classrooms/:resourceId', requireLaunch(ctx), validate(ClassroomParams), show);
  router.patch('/api/classrooms/:resourceId', instructor, validate(UpdateClassroom), update);
  router.put('/api/classrooms/:resourceId/presentation', instructor, rawBody(ctx), validate(UploadPresentation), upload);
  router.delete('/api/classrooms/:resourceId/presentation', instructor, validate(ClassroomParams), remove);
  router.get('/classroom/presentations/:token/:fileName', validate(PresentationFileParams), download);

  async function show(_req: Request, res: Response) {
    const { params } = input<typeof ClassroomParams>(res);
    res.set('Cache-Control', 'no-store').json(await getClassroom(ctx, currentSession(res), params.resourceId));
  }
  async function update(_req: Request, res: Response) {
    const { params, body } = input<typeof UpdateClassroom>(res);
    res.json(await updateClassroom(ctx, currentSession(res), params.resourceId, body));
  }
  async function upload(req: Request, res: Response) {
    const { params, query } = input<typeof UploadPresentation>(res);
    // express.json has read a JSON body already: a file is sent as its bytes.
    if (req.body !== undefined && !Buffer.isBuffer(req.body)) throw new AppError('unsupported-media-type', 415, { type: req.headers['content-type'] ?? 'this body' });
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const fileName = query.fileName ?? dispositionFileName(req.headers['content-disposition']);
    res.json(await savePresentation(ctx, currentSession(res), params.resourceId, { bytes, fileName }));
  }
  async function remove(_req: Request, res: Response) {
    const { params } = input<typeof ClassroomParams>(res);
    res.json(await deletePresentation(ctx, currentSession(res), params.resourceId));
  }
  async function download(_req: Request, res: Response, next: NextFunction) {
    const { params } = input<typeof PresentationFileParams>(res);
    const file = await openPresentationFile(ctx, params.token);
    res.sendFile(file.file, { cacheControl: false, headers: { 'Content-Type': file.mime, 'Content-Disposition': file.disposition, 'Cache-Control': 'private, no-store' } }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  }
  return router;
}

/** The file's bytes, up to the configured limit (a larger one: 413 naming the limit). */
function rawBody(ctx: AppContext) {
  const parse = express.raw({ type: () => true, limit: ctx.config.classroom.maxPresentationBytes });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => next((err as { type?: string } | undefined)?.type === 'entity.too.large' ? presentationTooLarge(ctx) : err));
}

/** RFC 6266: filename* (RFC 8187, UTF-8) wins over filename. */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // fall back to the plain name
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
}
