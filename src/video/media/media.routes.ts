import { Router, type Request, type Response, type NextFunction } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { input, validate } from '../../http/validate.js';
import { openMediaFile } from './media.service.js';
import { recordDownloadTrace } from '../tracking/download-trace.js';

const MediaRequest = z.object({
  params: z.object({
    token: z.string().min(10).max(2048),
    // Any name: one that is not a served file's is not found (openMediaFile), not a bad request.
    rest: z.array(z.string()).min(1),
  }),
});

/** What send and the file system answer for a name that is simply not there. */
const NOT_THERE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);
/** 412 Precondition Failed (If-Match, If-Unmodified-Since), 416 Range Not Satisfiable. */
const REQUEST_NOT_MET = new Set([412, 416]);

// send's own answer, without a body: the file's headers are already set (its ETag and
// Last-Modified stay; its type does not describe an empty body); a 416 keeps send's
// `Content-Range: bytes */<size>` (RFC 9110 §15.5.17).
function answerNotMet(res: Response, status: number, headers: Record<string, string> = {}): void {
  res.removeHeader('Content-Type');
  res.removeHeader('Content-Disposition');
  res.status(status).set(headers).end();
}

/**
 * Media files behind signed URLs (/media/<token>/<path>): no session, the token is the grant.
 * Range requests, ETag and Last-Modified come from express's sendFile. On object storage,
 * playlists come back rewritten and every other file is a redirect to a presigned URL.
 */
export function mediaRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/media/:token/*rest', validate(MediaRequest), serve);

  async function serve(req: Request, res: Response, next: NextFunction) {
    const { params } = input<typeof MediaRequest>(res);
    const media = await openMediaFile(ctx, params.token, params.rest.join('/'));
    // One download, one trace: a browser resuming it asks for later ranges, which are not a new one.
    const range = req.headers.range;
    if (media.downloadBy && (!range || /^bytes=0-/.test(range))) {
      const by = media.downloadBy;
      res.once('finish', () => {
        if (res.statusCode === 200 || res.statusCode === 206 || res.statusCode === 302) void recordDownloadTrace(ctx, by);
      });
    }
    const cache = media.immutable ? `private, max-age=${media.maxAgeSeconds}, immutable` : 'private, no-cache';
    // Object storage: the player gets the bytes from the bucket, Amphi only signs (s3-media-storage).
    if ('redirect' in media.body) return void res.set('Cache-Control', cache).redirect(302, media.body.redirect);
    if ('text' in media.body) return void res.set({ 'Content-Type': media.contentType, 'Cache-Control': cache, 'Cross-Origin-Resource-Policy': 'same-origin' }).send(media.body.text);
    res.sendFile(
      media.body.file,
      {
        cacheControl: false,
        dotfiles: 'deny',
        headers: {
          'Content-Type': media.contentType,
          'Cache-Control': cache,
          'Cross-Origin-Resource-Policy': 'same-origin',
          ...(media.disposition ? { 'Content-Disposition': media.disposition } : {}),
        },
      },
      (err?: Error & { status?: number; statusCode?: number; headers?: Record<string, string> }) => {
        if (!err) return;
        const status = err.status ?? err.statusCode ?? 500;
        // The file is there, the request's range or precondition is not met: a player needs that answer, not a 404.
        if (REQUEST_NOT_MET.has(status) && !res.headersSent) return answerNotMet(res, status, err.headers);
        // send refuses some names itself (400, 403: a null byte, a dot file, a ".." segment): not found either.
        if ((status >= 400 && status < 500) || NOT_THERE.has((err as NodeJS.ErrnoException).code ?? '')) return next();
        if (!res.headersSent) next(err);
      },
    );
  }
  return router;
}
