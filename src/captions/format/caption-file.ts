import type { CaptionRepair } from '../captions.view.js';
import type { Cue } from './cue.js';
import { visibleText } from './cue-rules.js';
import { sanitizeCueText } from './cue-text.js';
import { parseSrt } from './srt.js';
import { CaptionFileError, parseTimingLine, parseWebVtt, splitLines, type ParsedCaptions } from './webvtt.js';

export { CaptionFileError, type CaptionFileErrorCode } from './webvtt.js';

/**
 * A caption file a teacher uploads, from bytes to cues safe to store: its encoding found, its
 * format recognised, and what is broken in it repaired and reported rather than refused, since a
 * teacher rarely can fix the file and usually needs it anyway.
 */

/** More cues than this is no caption file for a video (a 3-hour lecture has about 3,000). */
export const MAX_CUES = 20_000;
/**
 * A cue shown longer than this comes from a broken end time (a 10-minute cue hides the video's
 * own text for 10 minutes); it is shortened to this, which keeps its text on screen long enough
 * to read and leaves the editor's too-long warning to the teacher.
 */
export const MAX_IMPORTED_CUE_SECONDS = 30;
/** Trimming an overlap that leaves a cue shorter than this drops it: nobody can read it. */
export const MIN_TRIMMED_CUE_SECONDS = 0.1;
/** Identical repairs beyond this many are summed up in one entry ('and N more'). */
export const REPAIRS_PER_CODE = 50;
/** Media times and cue times come from different tools: a cue this far past the end is still the media's. */
const DURATION_TOLERANCE_SECONDS = 1;

/** Share of control characters above which a "text" is binary (text files have almost none). */
const BINARY_CONTROL_SHARE = 0.02;
/** How much of the text the binary check reads: enough to judge, short for big files. */
const SNIFF_LENGTH = 65_536;

export interface CaptionFile {
  format: 'vtt' | 'srt';
  cues: Cue[];
  repairs: CaptionRepair[];
}

/** UTF-16 without a byte order mark: ASCII text written as UTF-16 has a zero in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, 4096) & ~1;
  if (length < 8) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = length / 2;
  if (zeroOdd > pairs * 0.9 && zeroEven < pairs * 0.1) return 'utf-16le';
  if (zeroEven > pairs * 0.9 && zeroOdd < pairs * 0.1) return 'utf-16be';
  return null;
}

function decodeStrict(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new CaptionFileError('bad-encoding');
  }
}

/** The text of the file: UTF-8 or UTF-16 as their byte order mark says, valid UTF-8, else windows-1252 (what Windows tools write for French). */
function decodeText(bytes: Uint8Array, repairs: CaptionRepair[]): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeStrict(bytes, 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict(bytes, 'utf-16be');
  const utf16 = sniffUtf16(bytes);
  if (utf16) return decodeStrict(bytes, utf16);
  if (bytes.includes(0)) throw new CaptionFileError('binary');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    repairs.push({ code: 'encoding-converted', cue: null, detail: 'windows-1252' });
    return decodeWindows1252(bytes);
  }
}

/** What windows-1252 puts at 0x80–0x9F (the rest of it is Latin-1); its five holes read as their C1 code. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Node's TextDecoder reads 'windows-1252' as Latin-1 (0x92 becomes a control character instead
 * of ’, 0x9C instead of œ: both common in French), so the table is applied here.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...chunk);
  }
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

function isBinary(text: string): boolean {
  const length = Math.min(text.length, SNIFF_LENGTH);
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)) controls++;
  }
  return controls > length * BINARY_CONTROL_SHARE;
}

/** WebVTT by its header; else timing lines make it SRT when it looks like SRT (numbered blocks or commas), WebVTT without its header otherwise. */
function detectFormat(text: string): 'vtt' | 'srt' {
  const lines = splitLines(text);
  const first = lines.find((line) => line.trim() !== '') ?? '';
  if (/^WEBVTT(?:[ \t]|$)/.test(first)) return 'vtt';
  let timed = 0;
  for (let at = 0; at < lines.length && timed < 20; at++) {
    const line = lines[at] as string;
    if (!line.includes('-->')) continue;
    const timing = parseTimingLine(line, '.');
    if (!timing) continue;
    timed++;
    if (/\d,\d/.test(line) || /^\s*\d+\s*$/.test(lines[at - 1] ?? '')) return 'srt';
  }
  if (timed === 0) throw new CaptionFileError('not-captions');
  return 'vtt';
}

interface NumberedCue extends Cue {
  number: number;
}

/** Repairs in file order, each code's beyond REPAIRS_PER_CODE summed up in one last entry. */
function summarise(repairs: readonly CaptionRepair[]): CaptionRepair[] {
  const counts = new Map<CaptionRepair['code'], number>();
  const kept: CaptionRepair[] = [];
  for (const repair of repairs) {
    const count = (counts.get(repair.code) ?? 0) + 1;
    counts.set(repair.code, count);
    if (count <= REPAIRS_PER_CODE) kept.push(repair);
  }
  for (const [code, count] of counts) {
    if (count > REPAIRS_PER_CODE) kept.push({ code, cue: null, detail: `and ${count - REPAIRS_PER_CODE} more` });
  }
  return kept;
}

const roundMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Cues safe to store from an uploaded caption file, with what was repaired. Throws
 * CaptionFileError: too-large (over maxBytes or MAX_CUES cues), binary, bad-encoding (a byte
 * order mark the bytes belie), not-captions, no-cues (none left after the repairs).
 *
 * Repairs, in this order: text sanitised (markup-removed); cues without visible text dropped
 * (cue-dropped-empty); cues with a negative start, an end not after the start or a start past
 * the media's end dropped (cue-dropped-bad-timing), an end past it brought back
 * (duration-shortened); cues sorted by start (order-sorted, once); each cue ended where the next
 * starts (overlap-trimmed), dropped when under MIN_TRIMMED_CUE_SECONDS remain; cues longer than
 * MAX_IMPORTED_CUE_SECONDS shortened (duration-shortened).
 */
export function readCaptionFile(bytes: Uint8Array, options: { maxBytes: number; durationSeconds?: number }): CaptionFile {
  if (bytes.length > options.maxBytes) throw new CaptionFileError('too-large');
  const repairs: CaptionRepair[] = [];
  const text = decodeText(bytes, repairs);
  if (isBinary(text)) throw new CaptionFileError('binary');
  const format = detectFormat(text);
  const parsed: ParsedCaptions = format === 'vtt' ? parseWebVtt(text) : parseSrt(text);
  if (parsed.cues.length > MAX_CUES) throw new CaptionFileError('too-large');
  repairs.push(...parsed.repairs);

  const mediaEnd = options.durationSeconds === undefined ? Number.POSITIVE_INFINITY : options.durationSeconds + DURATION_TOLERANCE_SECONDS;
  let cues: NumberedCue[] = [];
  parsed.cues.forEach((cue, k) => {
    const number = parsed.cueNumbers[k] ?? k + 1;
    const sanitized = sanitizeCueText(cue.text);
    if (sanitized.changed) repairs.push({ code: 'markup-removed', cue: number });
    if (visibleText(sanitized.text).trim() === '') {
      repairs.push({ code: 'cue-dropped-empty', cue: number });
      return;
    }
    const { start } = cue;
    let { end } = cue;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end <= start || start >= mediaEnd) {
      repairs.push({ code: 'cue-dropped-bad-timing', cue: number });
      return;
    }
    if (end > mediaEnd) {
      end = mediaEnd;
      repairs.push({ code: 'duration-shortened', cue: number });
    }
    cues.push({ start, end, text: sanitized.text, number });
  });

  if (cues.some((cue, k) => k > 0 && cue.start < (cues[k - 1] as NumberedCue).start)) {
    cues.sort((a, b) => a.start - b.start || a.end - b.end);
    repairs.push({ code: 'order-sorted', cue: null });
  }

  const kept: NumberedCue[] = [];
  cues.forEach((cue, k) => {
    const next = cues[k + 1];
    if (next && cue.end > next.start) {
      if (next.start - cue.start < MIN_TRIMMED_CUE_SECONDS) {
        repairs.push({ code: 'cue-dropped-bad-timing', cue: cue.number, detail: 'overlap' });
        return;
      }
      cue.end = next.start;
      repairs.push({ code: 'overlap-trimmed', cue: cue.number });
    }
    if (cue.end - cue.start > MAX_IMPORTED_CUE_SECONDS) {
      cue.end = cue.start + MAX_IMPORTED_CUE_SECONDS;
      repairs.push({ code: 'duration-shortened', cue: cue.number });
    }
    kept.push(cue);
  });
  cues = kept;
  if (cues.length === 0) throw new CaptionFileError('no-cues');

  return {
    format,
    cues: cues.map((cue) => ({ start: roundMs(cue.start), end: roundMs(cue.end), text: cue.text })),
    repairs: summarise(repairs),
  };
}
