import path from 'node:path';

/**
 * HLS playlists served from object storage (RFC 8216 §4): every media URI (segment lines, and the
 * URI="…" of EXT-X-MAP, EXT-X-MEDIA, EXT-X-KEY…) becomes an absolute presigned URL, so players
 * fetch the bytes from the bucket; other playlists (`*.m3u8`) stay relative and come back through
 * Amphi, which checks the media token and rewrites them in turn. `playlistRel` is where the
 * playlist itself sits (`720p/index.m3u8`): URIs are relative to its folder.
 */
export async function rewritePlaylist(text: string, playlistRel: string, sign: (rel: string) => Promise<string | null>): Promise<string> {
  const base = path.posix.dirname(playlistRel);
  const resolve = async (uri: string): Promise<string> => {
    // Absolute URLs, other playlists and anything unsigned stay as written.
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || /\.m3u8(\?|$)/i.test(uri)) return uri;
    const rel = path.posix.normalize(path.posix.join(base, uri));
    return (await sign(rel)) ?? uri;
  };
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    if (line.startsWith('#')) {
      const match = /URI="([^"]*)"/.exec(line);
      out.push(match ? line.replace(match[0], `URI="${await resolve(match[1]!)}"`) : line);
    } else if (line.trim()) {
      out.push(await resolve(line.trim()));
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

/** Rewritten playlists of finished media, per media token expiry: one viewer's work serves the next. */
export class PlaylistCache {
  private readonly entries = new Map<string, { text: string; until: number }>();

  constructor(private readonly maxEntries = 2000) {}

  get(key: string, now = Date.now()): string | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now) return hit.text;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, text: string, until: number): void {
    // Oldest first out (Map keeps insertion order): a bounded memory, whatever the traffic.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { text, until });
  }
}
