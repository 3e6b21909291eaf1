/**
 * The HLS master playlist (RFC 8216 §4.3.4.2): one EXT-X-STREAM-INF per rendition with
 * BANDWIDTH (peak segment bit rate, measured from the files written), AVERAGE-BANDWIDTH,
 * RESOLUTION, CODECS and FRAME-RATE, so players pick a variant without downloading it first.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export interface VariantInfo {
  playlist: string;
  codecs: string[];
  width?: number;
  height?: number;
  frameRate?: number;
}

export interface MeasuredVariant extends VariantInfo {
  bandwidth: number;
  averageBandwidth: number;
}

/** Reads a media playlist and the segment files it lists; bit rates in bits per second. */
export async function measureVariant(outputDir: string, v: VariantInfo): Promise<MeasuredVariant> {
  const playlistPath = path.join(outputDir, v.playlist);
  const dir = path.dirname(playlistPath);
  const lines = (await fs.readFile(playlistPath, 'utf8')).split(/\r?\n/);
  let peak = 0;
  let totalBytes = 0;
  let totalSeconds = 0;
  let pendingDuration: number | null = null;
  for (const line of lines) {
    const map = /^#EXT-X-MAP:URI="([^"]+)"/.exec(line);
    if (map) totalBytes += (await fs.stat(path.join(dir, map[1]!))).size;
    const inf = /^#EXTINF:([\d.]+)/.exec(line);
    if (inf) pendingDuration = Number(inf[1]);
    else if (line && !line.startsWith('#') && pendingDuration !== null) {
      const bytes = (await fs.stat(path.join(dir, line))).size;
      totalBytes += bytes;
      totalSeconds += pendingDuration;
      // A very short last segment would overstate the peak; count it as at least one second.
      peak = Math.max(peak, (bytes * 8) / Math.max(pendingDuration, 1));
      pendingDuration = null;
    }
  }
  const average = totalSeconds > 0 ? (totalBytes * 8) / totalSeconds : 0;
  return { ...v, bandwidth: Math.ceil(Math.max(peak, average)), averageBandwidth: Math.ceil(average) };
}

export function masterPlaylist(variants: MeasuredVariant[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of variants) {
    const attrs = [`BANDWIDTH=${v.bandwidth}`, `AVERAGE-BANDWIDTH=${v.averageBandwidth}`];
    if (v.width && v.height) attrs.push(`RESOLUTION=${v.width}x${v.height}`);
    attrs.push(`CODECS="${v.codecs.join(',')}"`);
    if (v.frameRate) attrs.push(`FRAME-RATE=${v.frameRate.toFixed(3)}`);
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.playlist);
  }
  return `${lines.join('\n')}\n`;
}

/** Measures the variants and writes the master next to them, atomically (players may be reading). */
export async function writeMasterPlaylist(outputDir: string, file: string, variants: VariantInfo[]): Promise<MeasuredVariant[]> {
  const measured = await Promise.all(variants.map((v) => measureVariant(outputDir, v)));
  const target = path.join(outputDir, file);
  await fs.writeFile(`${target}.tmp`, masterPlaylist(measured));
  await fs.rename(`${target}.tmp`, target);
  return measured;
}
