import path from 'node:path';
import type { AppContext } from '../../app-context.js';
import { AppError, NotFoundError } from '../../http/errors.js';
import type { TranscodeOutput } from '../ffmpeg/index.js';
import { mediaStorage } from '../storage/media-storage.js';
import { findMedia } from '../video.repository.js';
import { verifyMediaToken } from './media-token.js';

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.ts': 'video/mp2t',
  '.vtt': 'text/vtt; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

export interface MediaFile {
  file: string;
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
  const file = mediaStorage(ctx.config.dataDir).resolveOutput(media.platform_id, media.id, rel);
  if (!file) throw new NotFoundError();
  const ext = path.extname(file).toLowerCase();
  return {
    file,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    maxAgeSeconds: Math.max(0, Math.floor(grant.exp - Date.now() / 1000)),
    immutable: media.status === 'ready',
    disposition: isDownload ? contentDisposition(grant.download!) : null,
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

/** RFC 6266: an ASCII fallback plus the UTF-8 name (RFC 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
