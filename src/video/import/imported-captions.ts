import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../app-context.js';
import { mediaStorage } from '../storage/media-storage.js';

/**
 * Caption tracks that came with an imported file (a BigBlueButton recording's live captions),
 * kept beside the media's source in `captions/`: `<lang>.vtt` and `index.json` listing them.
 * Outside `out/`, which every transcode replaces. The captions issue decides how the player
 * serves them (VideoResponse.captions); until then listImportedCaptions says what there is.
 */
export interface ImportedCaption {
  /** BCP 47 (BBB's caption locale, e.g. fr-FR). */
  lang: string;
  label: string;
  /** The file name inside the media's captions folder. */
  file: string;
}

/** A BCP 47 tag as BBB writes it (en, fr-FR, zh-Hant-TW): also a safe file name. */
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

async function captionsDir(ctx: AppContext, platformId: string, mediaId: string): Promise<string> {
  const source = await mediaStorage(ctx.config.dataDir).sourcePath(platformId, mediaId);
  return path.join(path.dirname(source), 'captions');
}

/** Keeps the tracks whose locale is a language tag and whose text is WebVTT; returns what was kept. */
export async function saveImportedCaptions(
  ctx: AppContext,
  platformId: string,
  mediaId: string,
  tracks: { lang: string; label: string; vtt: string }[],
): Promise<ImportedCaption[]> {
  const kept: ImportedCaption[] = [];
  const dir = await captionsDir(ctx, platformId, mediaId);
  for (const t of tracks) {
    if (!LANG.test(t.lang) || !t.vtt.replace(/^\uFEFF/, '').startsWith('WEBVTT')) continue;
    if (kept.some((k) => k.lang === t.lang)) continue;
    await fs.mkdir(dir, { recursive: true });
    const file = `${t.lang}.vtt`;
    await fs.writeFile(path.join(dir, file), t.vtt, 'utf8');
    kept.push({ lang: t.lang, label: t.label.slice(0, 100) || t.lang, file });
  }
  if (kept.length) await fs.writeFile(path.join(dir, 'index.json'), JSON.stringify(kept), 'utf8');
  return kept;
}

/** The caption tracks kept with a media ([] when none). */
export async function listImportedCaptions(ctx: AppContext, platformId: string, mediaId: string): Promise<ImportedCaption[]> {
  const dir = await captionsDir(ctx, platformId, mediaId);
  const text = await fs.readFile(path.join(dir, 'index.json'), 'utf8').catch(() => '[]');
  try {
    const list = JSON.parse(text) as ImportedCaption[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** The absolute path of a kept track, or null. */
export async function importedCaptionPath(ctx: AppContext, platformId: string, mediaId: string, lang: string): Promise<string | null> {
  if (!LANG.test(lang)) return null;
  const found = (await listImportedCaptions(ctx, platformId, mediaId)).find((c) => c.lang === lang);
  return found ? path.join(await captionsDir(ctx, platformId, mediaId), found.file) : null;
}
