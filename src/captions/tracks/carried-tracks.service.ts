import type { AppContext } from '../../app-context.js';
import { getLastRetiredMedia, getMediaById } from '../../video/media-lookup.service.js';
import type { Cue } from '../format/cue.js';
import { findVersion, listTracks } from './caption-track.repository.js';
import { putTrackContent } from './caption-track.service.js';

/**
 * A teacher replaces a video (a better recording, a cut): the tracks people made for the one it
 * replaces (uploaded, edited, imported) come along, as the new media's first versions, so that
 * their work is not lost from view; automatic ones are not (they are made again from the new
 * sound). Languages the new media already has are left alone. Returns the languages carried.
 */
export async function carryTracksFromReplaced(ctx: AppContext, mediaId: string): Promise<string[]> {
  const media = await getMediaById(ctx.db, mediaId);
  if (!media || media.state !== 'published') return [];
  const replaced = await getLastRetiredMedia(ctx.db, media.platform_id, media.resource_id);
  if (!replaced) return [];
  const have = new Set((await listTracks(ctx.db, media.platform_id, media.id)).map((t) => t.lang));
  const carried: string[] = [];
  for (const track of await listTracks(ctx.db, replaced.platform_id, replaced.id)) {
    if (track.source === 'automatic' || have.has(track.lang)) continue;
    const version = await findVersion(ctx.db, track.id, track.version);
    if (!version) continue;
    await putTrackContent(ctx, { platformId: media.platform_id, mediaId: media.id }, {
      lang: track.lang,
      kind: track.kind,
      label: track.label,
      source: track.source,
      cues: JSON.parse(version.cues) as Cue[],
      by: track.updated_by,
    });
    carried.push(track.lang);
  }
  return carried;
}
