import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { NotFoundError } from '../http/errors.js';
import { input, validate } from '../http/validate.js';
import { openMediaGrant } from '../video/media/media.service.js';
import { CaptionFileParams } from './captions.schemas.js';
import { captionFileFor } from './captions.service.js';

/**
 * A track version's WebVTT under the media's signed URL (/media/<token>/captions/<track>/v<n>.vtt),
 * for the player's `<track>` and the transcript: no session, the token is the grant. A version
 * never changes, so it is served immutable; an edit makes a new version, hence a new URL.
 * Mounted before the media files' route, which serves only what transcoding wrote.
 */
export function captionFileRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/media/:token/captions/:trackId/:file', validate(CaptionFileParams), serve);

  async function serve(_req: Request, res: Response) {
    const { params } = input<typeof CaptionFileParams>(res);
    const { grant, media } = await openMediaGrant(ctx, params.token);
    const version = /^v([1-9]\d{0,8})\.vtt$/.exec(params.file)?.[1];
    if (!version || !/^[0-9a-f-]{36}$/.test(params.trackId)) throw new NotFoundError();
    const vtt = await captionFileFor(ctx, media, params.trackId, Number(version));
    const maxAge = Math.max(0, Math.floor(grant.exp - Date.now() / 1000));
    res
      .set({
        'Content-Type': 'text/vtt; charset=utf-8',
        'Cache-Control': `private, max-age=${maxAge}, immutable`,
        'Cross-Origin-Resource-Policy': 'same-origin',
      })
      .send(vtt);
  }
  return router;
}
