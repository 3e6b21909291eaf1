import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { Database } from '../../db/schema.js';
import { mediaSourcePath } from '../../video/media-files.service.js';
import { CaptionFileError, readCaptionFile } from '../format/caption-file.js';
import type { CaptionMediaRef } from './caption-track.service.js';
import { putTrackContentIn } from './caption-track.service.js';

/** A BBB recording's caption file is small; anything larger is not a caption track. */
const MAX_IMPORTED_BYTES = 5 * 1024 ** 2;
/** BCP 47 as BBB writes it (en, fr-FR, zh-Hant-TW). */
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export interface RemoteCaptionTrack {
  lang: string;
  label: string;
  vtt: string;
}

/**
 * The caption tracks that came with a BigBlueButton recording, stored as the media's tracks
 * (source 'imported'), in the import's transaction. What BBB answered is untrusted: each file
 * goes through the same reading, sanitising and repairs as a teacher's upload, and a track that
 * cannot be read is skipped. Returns the languages kept.
 */
export async function keepImportedCaptions(ctx: AppContext, trx: Transaction<Database>, media: CaptionMediaRef, tracks: RemoteCaptionTrack[]): Promise<string[]> {
  const kept: string[] = [];
  for (const t of tracks) {
    if (!LANG.test(t.lang) || kept.includes(t.lang)) continue;
    let cues;
    try {
      cues = readCaptionFile(new TextEncoder().encode(t.vtt), { maxBytes: MAX_IMPORTED_BYTES }).cues;
    } catch (err) {
      if (err instanceof CaptionFileError) continue;
      throw err;
    }
    await putTrackContentIn(ctx, trx, media, { lang: t.lang, kind: 'captions', label: t.label.slice(0, 100), source: 'imported', cues, by: null });
    kept.push(t.lang);
  }
  return kept;
}

/**
 * Recordings imported before captions were stored in the database kept theirs as files beside the
 * media's source (`captions/index.json` + `<lang>.vtt`). Run at start until a pass completes: each
 * becomes a track, and the index is renamed so it is read once.
 */
export async function adoptCaptionFiles(ctx: AppContext): Promise<number> {
  // Done once per data directory: later starts cost one stat, not a query.
  const done = path.join(ctx.config.dataDir, 'caption-files-adopted');
  if (await fs.stat(done).then(() => true, () => false)) return 0;
  const rows = await sql<{ id: string; platform_id: string }>`
    select m.id, m.platform_id from video_media m
    join classroom_recordings r on r.imported_resource_id = m.resource_id
    where not exists (select 1 from caption_tracks t where t.media_id = m.id)
  `.execute(ctx.db);
  let adopted = 0;
  for (const media of rows.rows) {
    const dir = path.join(path.dirname(await mediaSourcePath(ctx, media.platform_id, media.id)), 'captions');
    const index = await fs.readFile(path.join(dir, 'index.json'), 'utf8').catch(() => null);
    if (index === null) continue;
    let list: { lang?: unknown; label?: unknown; file?: unknown }[] = [];
    try {
      const parsed = JSON.parse(index) as unknown;
      if (Array.isArray(parsed)) list = parsed;
    } catch {
      // A broken index: nothing to adopt.
    }
    const tracks: RemoteCaptionTrack[] = [];
    for (const entry of list) {
      if (typeof entry.lang !== 'string' || !LANG.test(entry.lang) || typeof entry.file !== 'string' || path.basename(entry.file) !== entry.file) continue;
      const vtt = await fs.readFile(path.join(dir, entry.file), 'utf8').catch(() => null);
      if (vtt !== null) tracks.push({ lang: entry.lang, label: typeof entry.label === 'string' ? entry.label : entry.lang, vtt });
    }
    await ctx.db.transaction().execute((trx) => keepImportedCaptions(ctx, trx, { platformId: media.platform_id, mediaId: media.id }, tracks));
    await fs.rename(path.join(dir, 'index.json'), path.join(dir, 'index.adopted.json'));
    adopted += 1;
  }
  await fs.writeFile(done, `${new Date().toISOString()}\n`);
  return adopted;
}
