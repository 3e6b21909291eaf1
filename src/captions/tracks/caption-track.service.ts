import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { Database } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import type { CaptionTrackRow } from '../captions.table.js';
import type { CaptionKind, CaptionSource } from '../captions.view.js';
import type { Cue } from '../format/cue.js';
import { checkCues } from '../format/cue-rules.js';
import {
  deleteVersion,
  findTrack,
  findTrackByLang,
  findVersion,
  insertTrack,
  insertVersion,
  listTracks,
  lockTrack,
  pruneVersions,
  updateTrack,
  type CaptionTrackWithAuthor,
} from './caption-track.repository.js';

/**
 * Caption tracks and their versions, for any caller that knows the media (the video feature
 * lists them for the player; the captions API edits them). Imports nothing of the video feature.
 */

/** An editing session: saves by the same person within this time replace its last version in the history. */
const EDIT_SESSION_MS = 10 * 60 * 1000;
/** Versions kept per track (the first one always stays). */
const KEPT_VERSIONS = 50;

export interface CaptionMediaRef {
  platformId: string;
  mediaId: string;
}

export interface TrackContent {
  lang: string;
  kind?: CaptionKind;
  label?: string;
  source: CaptionSource;
  cues: Cue[];
  /** lti_users id of the person (null: automatic or imported). */
  by: string | null;
}

/** A label for a language a person did not name: its name in that language ("français", "English"). */
export function languageLabel(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
    return name ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : lang;
  } catch {
    return lang;
  }
}

function warningCount(ctx: AppContext, cues: readonly Cue[]): number {
  return new Set(checkCues(cues, ctx.config.captions.limits).map((w) => w.index)).size;
}

/**
 * The language's track with these cues: a new track, or a new version of the existing one (an
 * automatic track made again, a file imported over a track: the history keeps what was there).
 */
export async function putTrackContent(ctx: AppContext, media: CaptionMediaRef, content: TrackContent): Promise<CaptionTrackRow> {
  return ctx.db.transaction().execute((trx) => putTrackContentIn(ctx, trx, media, content));
}

/** putTrackContent inside the caller's transaction (a recording's import adds its media and tracks at once). */
export async function putTrackContentIn(ctx: AppContext, trx: Transaction<Database>, media: CaptionMediaRef, content: TrackContent): Promise<CaptionTrackRow> {
  const id = randomUUID();
  const created = await insertTrack(trx, {
    id,
    platform_id: media.platformId,
    media_id: media.mediaId,
    lang: content.lang,
    kind: content.kind ?? 'subtitles',
    label: content.label?.trim() || languageLabel(content.lang),
    source: content.source,
    version: 1,
    cue_count: content.cues.length,
    warning_count: warningCount(ctx, content.cues),
    updated_by: content.by,
  });
  if (created) {
    await insertVersion(trx, { track_id: id, version: 1, source: content.source, cues: JSON.stringify(content.cues), cue_count: content.cues.length, created_by: content.by });
    return created;
  }
  const existing = await findTrackByLang(trx, media.mediaId, content.lang);
  const locked = existing && (await lockTrack(trx, existing.id));
  // Deleted between the insert and the lock: the language is free again.
  if (!locked) return putTrackContentIn(ctx, trx, media, content);
  return appendVersion(ctx, trx, locked, content.cues, content.source, content.by, {
    ...(content.kind ? { kind: content.kind } : {}),
    ...(content.label?.trim() ? { label: content.label.trim() } : {}),
  });
}

async function appendVersion(
  ctx: AppContext,
  trx: Transaction<Database>,
  track: CaptionTrackRow,
  cues: Cue[],
  source: CaptionSource,
  by: string | null,
  extra: { kind?: CaptionKind; label?: string } = {},
): Promise<CaptionTrackRow> {
  const previous = await findVersion(trx, track.id, track.version);
  const version = track.version + 1;
  await insertVersion(trx, { track_id: track.id, version, source, cues: JSON.stringify(cues), cue_count: cues.length, created_by: by });
  // The same person still editing: one history entry per editing session, not one per autosave.
  const sameSession =
    source === 'edited' && previous && previous.source === 'edited' && by !== null && previous.created_by === by && Date.now() - previous.created_at.getTime() < EDIT_SESSION_MS && previous.version !== 1;
  if (sameSession) await deleteVersion(trx, track.id, previous.version);
  else await pruneVersions(trx, track.id, KEPT_VERSIONS);
  const changes = { ...extra, version, source, cue_count: cues.length, warning_count: warningCount(ctx, cues), updated_by: by, updated_at: new Date() };
  await updateTrack(trx, track.id, changes);
  return { ...track, ...changes };
}

/** A person's save: a new version on top of `baseVersion`, refused when someone saved since. */
export async function saveTrackVersion(
  ctx: AppContext,
  platformId: string,
  trackId: string,
  input: { baseVersion: number; cues: Cue[]; source: CaptionSource; by: string | null },
): Promise<CaptionTrackRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const track = await lockTrack(trx, trackId);
    if (!track || track.platform_id !== platformId) throw new NotFoundError({ trackId });
    if (track.version !== input.baseVersion) throw new ConflictError('captions-version-conflict', 409, { version: track.version });
    return appendVersion(ctx, trx, track, input.cues, input.source, input.by);
  });
}

export async function requireTrack(ctx: AppContext, platformId: string, trackId: string): Promise<CaptionTrackWithAuthor> {
  const track = await findTrack(ctx.db, platformId, trackId);
  if (!track) throw new NotFoundError({ trackId });
  return track;
}

/** A version's cues (undefined: that version is not kept). */
export async function versionCues(ctx: AppContext, trackId: string, version: number): Promise<Cue[] | undefined> {
  const row = await findVersion(ctx.db, trackId, version);
  return row ? (JSON.parse(row.cues) as Cue[]) : undefined;
}

/** A media's caption tracks with their authors, by language (the video page lists them). */
export function listMediaTracks(ctx: AppContext, platformId: string, mediaId: string): Promise<CaptionTrackWithAuthor[]> {
  return listTracks(ctx.db, platformId, mediaId);
}
