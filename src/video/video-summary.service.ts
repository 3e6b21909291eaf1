import type { AppContext } from '../app-context.js';
import type { TranscodeOutput } from './ffmpeg/index.js';
import { mediaUrls } from './video-response.js';
import { listPublishedMedia } from './video.repository.js';

/** What a list of videos shows of each (the content picker): its picture and its length. */
export interface VideoSummary {
  /** Signed like the player's URLs (they expire with the media URL lifetime). */
  posterUrl: string;
  durationSeconds: number;
}

/**
 * The published media of these video resources, by resource id, in one query: a course copy
 * shows its original's media (media_resource_id) until it publishes its own, as the player does.
 * A video with nothing published has no entry.
 */
export async function summarizeVideos(
  ctx: AppContext,
  platformId: string,
  resources: readonly { id: string; media_resource_id: string | null }[],
): Promise<Map<string, VideoSummary>> {
  const summaries = new Map<string, VideoSummary>();
  const owners = [...new Set(resources.flatMap((r) => (r.media_resource_id ? [r.id, r.media_resource_id] : [r.id])))];
  if (owners.length === 0) return summaries;
  const rows = await listPublishedMedia(ctx.db, platformId, owners);
  const byOwner = new Map(rows.map((row) => [row.resource_id, row]));
  for (const resource of resources) {
    const media = byOwner.get(resource.id) ?? (resource.media_resource_id ? byOwner.get(resource.media_resource_id) : undefined);
    const output = media?.output as TranscodeOutput | null | undefined;
    if (!media || !output) continue;
    summaries.set(resource.id, { posterUrl: mediaUrls(ctx, media).url(output.poster), durationSeconds: output.durationSeconds });
  }
  return summaries;
}
