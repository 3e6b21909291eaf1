import type { AppContext } from '../../app-context.js';
import { AppError, NotFoundError } from '../../http/errors.js';
import type { TranscodeOutput } from '../ffmpeg/index.js';
import { mediaContentType } from '../storage/content-types.js';
import { mediaStorage } from '../storage/media-storage.js';
import { S3StorageError } from '../storage/s3-storage-error.js';
import { findMedia } from '../video.repository.js';
import { verifyMediaToken } from './media-token.js';
import { PlaylistCache, rewritePlaylist } from './playlist-rewrite.js';

/**
 * Where the bytes come from: a local file Amphi sends; on object storage, a playlist Amphi
 * rewrote (its segments presigned) or a presigned URL the player is redirected to.
 */
export type MediaBody = { file: string } | { text: string } | { redirect: string };

export interface MediaFile {
  body: MediaBody;
  contentType: string;
  /** Seconds the browser may keep it: the token's remaining life. */
  maxAgeSeconds: number;
  /** Files of a finished media never change; a first rendition's playlists will. */
  immutable: boolean;
  /** `attachment; filename=…` for a download URL. */
  disposition: string | null;
  /** A download signed for a person: whose, of which resource (recorded when it starts). */
  downloadBy: { platformId: string; userId: string; resourceId: string } | null;
}

/**
 * What a served file may be called, folder by folder (`master.m3u8`, `720p/seg_001.m4s`,
 * `thumbs/01.jpg`): no dot first, no back-slash, no control character, a
 * length any file system takes. Any other name is not there.
 */
const SERVED_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function isServedName(rel: string): boolean {
  const parts = rel.split('/');
  return parts.length <= 4 && parts.every((p) => SERVED_NAME.test(p));
}

/** The file a signed media URL names (openMediaGrant says when the URL is refused). */
export async function openMediaFile(ctx: AppContext, token: string, rel: string): Promise<MediaFile> {
  const { grant, media } = await openMediaGrant(ctx, token);
  if (!isServedName(rel)) throw new NotFoundError();
  const output = media.output as TranscodeOutput | null;
  const isDownload = output?.download === rel;
  if (isDownload && !grant.download) throw new AppError('media-link-invalid', 403, {}, { logReason: 'download not granted' });
  const storage = mediaStorage(ctx.config.dataDir);
  const disposition = isDownload ? contentDisposition(grant.download!) : null;
  let body: MediaBody | null;
  if (storage.kind === 'local') {
    const file = storage.resolveOutput(media.platform_id, media.id, rel);
    body = file ? { file } : null;
  } else {
    body = await fromBucket(ctx, { platformId: media.platform_id, mediaId: media.id, rel, expiresAt: grant.exp, final: media.status === 'ready', disposition });
  }
  if (!body) throw new NotFoundError();
  return {
    body,
    contentType: mediaContentType(rel),
    maxAgeSeconds: Math.max(0, Math.floor(grant.exp - Date.now() / 1000)),
    immutable: media.status === 'ready',
    disposition,
    downloadBy: isDownload && grant.viewer ? { platformId: grant.platformId, ...grant.viewer } : null,
  };
}

/**
 * The media a signed URL grants. Refused (403) when the token is forged, expired or names a
 * media that players may not see any more (withdrawn after a failure, cancelled, deleted);
 * retired media stay served during their grace period so players mid-watch do not break.
 */
export async function openMediaGrant(ctx: AppContext, token: string) {
  const check = verifyMediaToken(ctx.secrets.sessionKeyBytes, token);
  if (!check.ok) throw new AppError('media-link-invalid', 403, {}, { logReason: check.reason });
  const media = await findMedia(ctx.db, check.grant.platformId, check.grant.mediaId);
  if (!media || media.state === 'pending') throw new AppError('media-link-invalid', 403, {}, { logReason: 'media not served' });
  return { grant: check.grant, media };
}

type BucketFile = { platformId: string; mediaId: string; rel: string; expiresAt: number; final: boolean; disposition: string | null };

/** A playlist rewritten, or a redirect; the bucket failing is a 503 for the player to retry, not a 500. */
async function fromBucket(ctx: AppContext, f: BucketFile): Promise<MediaBody | null> {
  try {
    if (f.rel.endsWith('.m3u8')) {
      const text = await servedPlaylist(ctx, f);
      return text === null ? null : { text };
    }
    const url = await mediaStorage(ctx.config.dataDir).outputUrl(f.platformId, f.mediaId, f.rel, { expiresAt: f.expiresAt, ...(f.disposition ? { disposition: f.disposition } : {}) });
    return url ? { redirect: url } : null;
  } catch (err) {
    if (err instanceof S3StorageError) throw new AppError('media-storage-unreachable', 503, {}, { logReason: err.message });
    throw err;
  }
}

const playlistCaches = new WeakMap<AppContext, PlaylistCache>();

/**
 * A playlist from object storage with presigned media URLs that expire with the token. Cached for
 * finished media: the URLs of one quarter hour are the same for every viewer (s3-media-storage).
 */
async function servedPlaylist(ctx: AppContext, p: { platformId: string; mediaId: string; rel: string; expiresAt: number; final: boolean }): Promise<string | null> {
  let cache = playlistCaches.get(ctx);
  if (!cache) playlistCaches.set(ctx, (cache = new PlaylistCache()));
  const quarter = Math.floor(Date.now() / 900_000);
  const key = `${p.platformId}/${p.mediaId}/${p.rel}/${p.expiresAt}/${quarter}`;
  const hit = p.final ? cache.get(key) : undefined;
  if (hit !== undefined) return hit;
  const storage = mediaStorage(ctx.config.dataDir);
  const text = await storage.readOutputText(p.platformId, p.mediaId, p.rel);
  if (text === null) return null;
  const rewritten = await rewritePlaylist(text, p.rel, (rel) => (isServedName(rel) ? storage.outputUrl(p.platformId, p.mediaId, rel, { expiresAt: p.expiresAt }) : Promise.resolve(null)));
  if (p.final) cache.set(key, rewritten, Math.min((quarter + 1) * 900_000, p.expiresAt * 1000));
  return rewritten;
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name (RFC 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
