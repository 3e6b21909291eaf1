import { Router, type NextFunction, type Request, type Response } from 'express';
import { Server } from '@tus/server';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { assertUploadOwner, authorizeUploadCreation, finishUpload, refusalProblem, stampMetadata, uploadStore } from './upload.service.js';

const PATH = '/api/uploads';

/** The express response behind one of tus's web requests (srvx keeps the node pair). */
function expressResponse(req: unknown): Response {
  return (req as { runtime: { node: { res: Response } } }).runtime.node.res;
}

/**
 * Resumable uploads (tus 1.0.0, https://tus.io/protocols/resumable-upload) at /api/uploads/.
 * Mounted before express.json: tus reads the bodies itself. Every request carries an instructor's
 * Bearer token; our middleware decides who may create (an editor of the named video) and who may
 * resume (the platform and person who created it, stamped into the upload's metadata).
 */
export function uploadRoutes(ctx: AppContext): Router {
  // Made at the first upload request, not with the app: the file store creates its folder in the
  // background and throws, uncaught, if that folder's parent disappears meanwhile.
  let made: { store: ReturnType<typeof uploadStore>; tus: Server } | undefined;
  const uploads = () => (made ??= makeServer());

  function makeServer() {
    const store = uploadStore(ctx);
    const tus = new Server({
      path: PATH,
      datastore: store,
      maxSize: ctx.config.video.maxUploadBytes,
      // tus answers CORS itself, with `*` unless told: only Amphi's own pages upload.
      allowedOrigins: [new URL(ctx.config.http.publicUrl).origin],
      generateUrl: (_req, { path, id }) => `${ctx.config.http.publicUrl}${path}/${id}`,
      async onUploadCreate(req, upload) {
        const res = expressResponse(req);
        return { metadata: stampMetadata(currentSession(res), res.locals.uploadResourceId as string, upload.metadata) };
      },
      async onUploadFinish(req, upload) {
        const session = currentSession(expressResponse(req));
        const result = await finishUpload(ctx, session, { id: upload.id, size: upload.size ?? upload.offset, metadata: upload.metadata ?? {} }, () => store.remove(upload.id));
        const answer: { status_code?: number; headers?: Record<string, string>; body?: string } = result.accepted
          ? { headers: { 'Amphi-Media-Id': result.mediaId } }
          : { status_code: Number(result.problem.status), headers: { 'Content-Type': 'application/problem+json' }, body: JSON.stringify(result.problem) };
        return answer;
      },
    });
    return { store, tus };
  }

  async function authorize(req: Request, res: Response, next: NextFunction) {
    const session = currentSession(res);
    if (req.method === 'OPTIONS') return next();
    if (req.method === 'POST' && req.path.replace(/\/$/, '') === PATH) {
      const length = Number(req.headers['upload-length'] ?? NaN);
      const { resource } = await authorizeUploadCreation(ctx, session, req.headers['upload-metadata'] as string | undefined, length);
      // An empty file is complete at creation: refused here, before tus stores anything.
      if (length === 0) return res.status(422).type('application/problem+json').send(JSON.stringify(refusalProblem(session.locale, 'empty', 'The file is empty (0 bytes).')));
      res.locals.uploadResourceId = resource.id;
      return next();
    }
    const id = /^\/api\/uploads\/([A-Za-z0-9_-]+)$/.exec(req.path)?.[1];
    if (!id || !['HEAD', 'PATCH', 'DELETE'].includes(req.method)) throw new AppError('upload-not-found', 404);
    const upload = await uploads().store.getUpload(id).catch(() => undefined);
    assertUploadOwner(session, upload?.metadata);
    next();
  }

  const router = Router();
  router.all(/^\/api\/uploads(\/.*)?$/, requireLaunch(ctx, 'instructor'), authorize, (req, res) => {
    // No cache anywhere: offsets change with every PATCH (tus §HEAD).
    res.setHeader('Cache-Control', 'no-store');
    return uploads().tus.handle(req, res);
  });
  return router;
}
