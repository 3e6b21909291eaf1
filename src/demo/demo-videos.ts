import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../app-context.js';
import { FfmpegUnavailableError, runFfmpegProcess } from '../video/ffmpeg/index.js';
import { placeImportedMedia, probeImportedFile } from '../video/import/import-media.service.js';
import { mediaWorkDir } from '../video/media-files.service.js';
import type { DemoCourseSummary } from './demo-course.js';

/**
 * The demo course's videos made playable. The generator leaves each video a published media with
 * no file (course-rows.ts); here each gets a real one instead: a generated clip (its title and a
 * running clock) as long as the video the term's statements were made for (to the half second), handed to the
 * video pipeline as an imported file (the same probe, media row and 'transcode-video' job as a
 * BigBlueButton recording). Until its job has run a video shows the app's "being prepared" state;
 * without ffmpeg it has no media at all ("no video yet", and the teacher may upload one). Never a
 * published media without files: that is a player whose URLs answer 404.
 *
 * Cost: 426x240, 2 frames a second, no sound: the source is a still card that x264 barely
 * encodes and the ladder has one rung (240p). The default course's 8 videos (106 minutes) take
 * about 8 s of CPU to generate (4 s of this command on two cores) and 28 s to transcode (half a
 * minute of the job worker's, one job at a time).
 */
export interface DemoVideos {
  /** queued: every video waits for (or is in) its transcode job; no-ffmpeg / failed: the videos left have no media. */
  status: 'queued' | 'no-ffmpeg' | 'failed';
  /** Videos handed to the pipeline. */
  queued: number;
  /** Media seconds they add up to. */
  seconds: number;
  reason: string | null;
}

export interface DemoClipOptions {
  /** Tests: every clip this long instead of its video's length (the dashboards then disagree with the player). */
  clipSeconds?: number;
}

const SIZE = '426x240';
const CLIPS_AT_ONCE = 2;

export async function makeDemoVideos(ctx: AppContext, summary: DemoCourseSummary, options: DemoClipOptions = {}): Promise<DemoVideos> {
  const log = ctx.logger.child({ feature: 'demo', demo: true, platformId: summary.platformId });
  const videos = summary.model.videos;
  const done: DemoVideos = { status: 'queued', queued: 0, seconds: 0, reason: null };
  const workDir = await mediaWorkDir(ctx, `demo-clips-${summary.platformId}`);
  try {
    const clips = videos.map((video) => ({ video, seconds: options.clipSeconds ?? video.durationSeconds, file: path.join(workDir, `${video.mediaId}.mp4`) }));
    // Every clip made first, two at a time (the transcodes would slow this command down), then queued.
    for (let i = 0; i < clips.length; i += CLIPS_AT_ONCE) {
      await Promise.all(clips.slice(i, i + CLIPS_AT_ONCE).map(({ video, seconds, file }) => makeClip(ctx, { title: video.title, seconds, file })));
    }
    for (const clip of clips) {
      await queueClip(ctx, summary, clip.video, clip.file);
      done.queued++;
      done.seconds += clip.seconds;
    }
    log.info({ videos: done.queued, seconds: Math.round(done.seconds) }, 'demo course: videos queued for transcoding');
    return done;
  } catch (err) {
    // Whatever was not handed over loses its file-less media: "no video yet" rather than a broken player.
    await removeMedia(ctx, videos.slice(done.queued).map((v) => v.mediaId));
    const missing = err instanceof FfmpegUnavailableError;
    log.warn({ err, queued: done.queued }, missing ? 'demo course: ffmpeg not found, the demo videos have no media' : 'demo course: demo videos not made');
    return { ...done, status: missing ? 'no-ffmpeg' : 'failed', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    if (done.queued) ctx.jobs.wake();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** One video's clip probed, then in one transaction its generated media gone and the clip queued for transcoding. */
async function queueClip(ctx: AppContext, summary: DemoCourseSummary, video: DemoCourseSummary['model']['videos'][number], file: string): Promise<void> {
  const probe = await probeImportedFile(ctx, file);
  let discard: (() => Promise<void>) | undefined;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('video_media').where('id', '=', video.mediaId).where('platform_id', '=', summary.platformId).execute();
      ({ discard } = await placeImportedMedia(ctx, trx, {
        platformId: summary.platformId, resourceId: video.id, file, fileName: `cours-${video.cmid}.mp4`, mime: 'video/mp4', probe, createdBy: summary.teachers[0]?.userId ?? null,
      }));
    });
  } catch (err) {
    await discard?.();
    throw err;
  }
}

/** The clip with its title drawn; without a font ffmpeg can use, its test pattern (which draws its own clock). */
async function makeClip(ctx: AppContext, clip: { title: string; seconds: number; file: string }): Promise<void> {
  const run = (source: string) => runFfmpegProcess({ bin: ctx.config.video.ffmpegPath, args: demoClipArgs(source, clip) });
  // A short clip (tests) needs more frames: the pipeline's last thumbnail is taken at 90 %.
  const rate = clip.seconds < 60 ? 10 : 2;
  try {
    await run(titleCard(clip.title, rate));
  } catch (err) {
    if (err instanceof FfmpegUnavailableError) throw err;
    ctx.logger.debug({ feature: 'demo', err }, 'demo clip: no title card, a test pattern instead');
    await run(`testsrc=size=${SIZE}:rate=${rate}`);
  }
}

export function demoClipArgs(source: string, clip: { seconds: number; file: string }): string[] {
  return [
    '-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-t', clip.seconds.toFixed(3), '-an',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-f', 'mp4', clip.file,
  ];
}

/** A dark card: the title, a running clock, and a line saying what it is. */
function titleCard(title: string, rate: number): string {
  // Nothing in the text the filter syntax would read (quotes, separators, escapes, expansions).
  const text = title.replace(/\s*:\s*/g, ' — ').replace(/[\\'"%:,;=[\]{}]/g, ' ').replace(/\s+/g, ' ').trim();
  const size = Math.max(10, Math.min(22, Math.floor(740 / Math.max(1, text.length))));
  const draw = (t: string, o: { size: number; y: number; color?: string; clock?: boolean }) =>
    `drawtext=font=Sans:text='${t}':expansion=${o.clock ? 'normal' : 'none'}:fontsize=${o.size}:fontcolor=${o.color ?? 'white'}:x=(w-tw)/2:y=${o.y}`;
  return [
    `color=c=0x1e3a5f:size=${SIZE}:rate=${rate}`,
    draw(text, { size, y: 70 }),
    draw('%{pts\\:hms}', { size: 20, y: 120, clock: true }),
    draw('Amphi — vidéo de démonstration', { size: 12, y: 190, color: '0xb0c4de' }),
  ].join(',');
}

async function removeMedia(ctx: AppContext, mediaIds: string[]): Promise<void> {
  if (mediaIds.length) await ctx.db.deleteFrom('video_media').where('id', 'in', mediaIds).execute();
}
