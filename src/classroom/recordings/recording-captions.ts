import type { Recording } from '../bbb/bbb.types.js';
import type { OutboundHttp } from '../../http/outbound.js';
import { fetchSmallText, type RecordingSource } from './recording-download.js';

const MAX_CAPTION_BYTES = 5 * 1024 ** 2;

/**
 * The folders where BBB publishes a recording's caption tracks: `captions.json` (a list of
 * { locale, localeName }) and `caption_<locale>.vtt` beside it. The video format's own folder
 * (its URL: /playback/video/<recordID>/), then the presentation format's files
 * (/presentation/<recordID>/, which its player reads). BBB record-and-playback publish scripts.
 */
export function captionFolders(recording: Recording): string[] {
  const folders: string[] = [];
  for (const f of recording.formats) {
    if (f.type === 'video' && f.url.endsWith('/')) folders.push(f.url);
    if (f.type === 'presentation' && f.url) folders.push(new URL(`/presentation/${encodeURIComponent(recording.recordID)}/`, f.url).toString());
  }
  return folders;
}

/** The recording's caption tracks (best effort: a missing or broken track is skipped). */
export async function fetchRecordingCaptions(
  recording: Recording,
  o: { outbound: OutboundHttp; source: RecordingSource; timeoutMs: number; signal: AbortSignal },
): Promise<{ lang: string; label: string; vtt: string }[]> {
  for (const folder of captionFolders(recording)) {
    const index = await fetchSmallText(new URL('captions.json', folder).toString(), { ...o, maxBytes: 64 * 1024 });
    if (!index) continue;
    let list: unknown;
    try {
      list = JSON.parse(index);
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    const tracks: { lang: string; label: string; vtt: string }[] = [];
    for (const entry of list.slice(0, 20) as { locale?: unknown; localeName?: unknown; label?: unknown }[]) {
      if (typeof entry?.locale !== 'string' || !/^[A-Za-z0-9-]{2,35}$/.test(entry.locale)) continue;
      const vtt = await fetchSmallText(new URL(`caption_${entry.locale}.vtt`, folder).toString(), { ...o, maxBytes: MAX_CAPTION_BYTES });
      if (!vtt) continue;
      const label = typeof entry.localeName === 'string' ? entry.localeName : typeof entry.label === 'string' ? entry.label : entry.locale;
      tracks.push({ lang: entry.locale, label, vtt });
    }
    if (tracks.length) return tracks;
  }
  return [];
}
