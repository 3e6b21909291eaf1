/**
 * A video resource's media as a finished transcode leaves it: the `video_media` row (published,
 * ready) and a real JPEG poster on disk, served under the media's signed URLs. No renditions:
 * lists and pictures need none, and transcoding a clip costs seconds of a shared CPU.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AppContext } from '../../src/app-context.js';
import type { TranscodeOutput } from '../../src/video/ffmpeg/index.js';
import { mediaStorage } from '../../src/video/storage/media-storage.js';
import { FFMPEG } from './media-fixtures.js';

const run = promisify(execFile);

export async function publishVideoMedia(
  ctx: AppContext,
  resource: { id: string; platform_id: string },
  { durationSeconds, state = 'published' }: { durationSeconds: number; state?: 'published' | 'retired' },
) {
  const output: TranscodeOutput = {
    master: 'master.m3u8',
    renditions: [{ name: '360p', width: 640, height: 360, bandwidth: 900_000, playlist: '360p/index.m3u8' }],
    audioOnly: false,
    download: null,
    poster: 'poster.jpg',
    thumbnails: [],
    storyboard: null,
    durationSeconds,
  };
  const media = await ctx.db
    .insertInto('video_media')
    .values({
      id: crypto.randomUUID(), platform_id: resource.platform_id, resource_id: resource.id, status: 'ready', state, file_name: 'cours.mp4', mime: 'video/mp4',
      size_bytes: 1000, output: JSON.stringify(output), probe: null, ready_at: new Date(), retired_at: state === 'retired' ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const storage = mediaStorage(ctx.config.dataDir);
  const dir = await storage.workDir(`poster-${media.id}`);
  await run(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180', '-frames:v', '1', path.join(dir, 'poster.jpg')]);
  await storage.publishOutput(media.platform_id, media.id, dir);
  return media;
}
