import path from 'node:path';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import type { TranscodeOutput } from '../ffmpeg/index.js';
import { mediaStorage } from '../storage/media-storage.js';
import { findMedia } from '../video.repository.js';
import { importedCaptionPath } from '../import/imported-captions.js';
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
}

/**
 * The file a signed media URL names. Refused (403) when the token is forged, expired or names a
 * media that players may not see any more (withdrawn after a failure, cancelled, deleted);
 * retired media stay served during their grace period so players mid-watch do not break.
 */
export async function openMediaFile(ctx: AppContext, token: string, rel: string): Promise<MediaFile> {
  const check = verifyMediaToken(ctx.secrets.sessionKeyBytes, token);
  if (!check.ok) throw new AppError('media-link-invalid', 403, {}, { logReason: check.reason });
  const { grant } = check;
  const media = await findMedia(ctx.db, grant.platformId, grant.mediaId);
  if (!media || media.state === 'pending') throw new AppError('media-link-invalid', 403, {}, { logReason: 'media not served' });
  const output = media.output as TranscodeOutput | null;
  const isDownload = output?.download === rel;
  if (isDownload && !grant.download) throw new AppError('media-link-invalid', 403, {}, { logReason: 'download not granted' });
  // Imported caption tracks live beside the source (captions/), outside the transcode's output.
  const caption = /^captions\/([^/]+)\.vtt$/.exec(rel);
  const file = caption ? await importedCaptionPath(ctx, media.platform_id, media.id, caption[1]!) : mediaStorage(ctx.config.dataDir).resolveOutput(media.platform_id, media.id, rel);
  if (!file) throw new AppError('not-found', 404);
  const ext = path.extname(file).toLowerCase();
  return {
    file,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    maxAgeSeconds: Math.max(0, Math.floor(grant.exp - Date.now() / 1000)),
    immutable: media.status === 'ready',
    disposition: isDownload ? contentDisposition(grant.download!) : null,
  };
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name (RFC 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
