import type { CaptionRepair } from '../captions.view.js';
import type { Cue } from './cue.js';

/**
 * WebVTT (https://www.w3.org/TR/webvtt1/), read the spec's way but forgiving of what editors and
 * converters get wrong, and written the plain way every player reads. SRT (srt.ts) shares the
 * timing line reader: its timestamps are WebVTT's with a comma.
 */

export type CaptionFileErrorCode = 'not-captions' | 'no-cues' | 'binary' | 'too-large' | 'bad-encoding';

/** A caption file that cannot be used at all (the import answers 400 with the code, which the tool translates). */
export class CaptionFileError extends Error {
  constructor(readonly code: CaptionFileErrorCode) {
    super(`Unusable caption file: ${code}`);
    this.name = 'CaptionFileError';
  }
}

/** What a parser read. The cues' text is as written in the file: readCaptionFile sanitises it before anything stores it. */
export interface ParsedCaptions {
  cues: Cue[];
  repairs: CaptionRepair[];
  /** The 1-based number in the file of each cue (a cue whose timing could not be read leaves a gap). */
  cueNumbers: number[];
}

/** hh:mm:ss.ttt, mm:ss.ttt and the near misses: one-digit fields, a comma, fewer or more fraction digits, no fraction. */
const TIMESTAMP = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:([.,])(\d+))?$/;

/** Seconds from a timestamp; `repaired` when it strays from the strict form of the format (WebVTT with '.', SRT with ',' and always hours). */
export function parseTimestamp(raw: string, separator: '.' | ','): { seconds: number; repaired: boolean } | null {
  const match = TIMESTAMP.exec(raw);
  if (!match) return null;
  const [, hours, minutes = '', seconds = '', usedSeparator, fraction] = match;
  const minuteValue = Number(minutes);
  const secondValue = Number(seconds);
  if (minuteValue > 59 || secondValue > 59) return null;
  const fractionValue = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000) / 1000;
  const repaired =
    (hours === undefined ? separator === ',' : hours.length < 2) ||
    minutes.length !== 2 ||
    seconds.length !== 2 ||
    usedSeparator !== separator ||
    fraction?.length !== 3;
  return { seconds: Number(hours ?? 0) * 3600 + minuteValue * 60 + secondValue + fractionValue, repaired };
}

/** A timing line: start, end and whatever follows the end (WebVTT cue settings, SRT coordinates). */
export function parseTimingLine(line: string, separator: '.' | ','): { start: number; end: number; settings: string; repaired: boolean } | null {
  const arrow = line.indexOf('-->');
  if (arrow === -1) return null;
  const start = parseTimestamp(line.slice(0, arrow).trim(), separator);
  const after = line.slice(arrow + 3).trim();
  const endToken = /^\S+/.exec(after)?.[0] ?? '';
  const end = parseTimestamp(endToken, separator);
  if (!start || !end) return null;
  return { start: start.seconds, end: end.seconds, settings: after.slice(endToken.length).trim(), repaired: start.repaired || end.repaired };
}

/** hh:mm:ss.ttt (or with a comma, for SRT); milliseconds rounded, negative times written as zero. */
export function formatTimestamp(seconds: number, separator: '.' | ',' = '.'): string {
  const total = Math.max(0, Math.round(seconds * 1000));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const secs = Math.floor(total / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(total % 1000, 3)}`;
}

/** The file's lines: byte order mark removed, CRLF and CR line ends read as LF. */
export function splitLines(text: string): string[] {
  return text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
}

const HEADER = /^WEBVTT(?:[ \t].*)?$/;
/** Blocks the spec defines that carry no cue: comments, style sheets and region definitions. */
const NON_CUE_BLOCK = /^(?:NOTE(?:[ \t].*)?|STYLE[ \t]*|REGION[ \t]*)$/;

/**
 * Cues of a WebVTT file. A missing header is added (header-added) when the text has timing lines;
 * cue settings are dropped (settings-dropped: Amphi does not keep positioning); timestamps in
 * SRT's or a sloppy form are read (timestamp-repaired); a cue whose timing cannot be read is
 * dropped (cue-dropped-bad-timing). Throws not-captions (no header and no timing line) or no-cues.
 */
export function parseWebVtt(text: string): ParsedCaptions {
  const lines = splitLines(text);
  const repairs: CaptionRepair[] = [];
  let i = 0;
  while (i < lines.length && (lines[i] as string).trim() === '') i++;
  if (HEADER.test(lines[i] ?? '')) {
    // The header's own block (old metadata lines) ends at the first blank line.
    i++;
    while (i < lines.length && (lines[i] as string).trim() !== '' && !(lines[i] as string).includes('-->')) i++;
  } else if (lines.some((line) => parseTimingLine(line, '.') !== null)) {
    repairs.push({ code: 'header-added', cue: null });
  } else {
    throw new CaptionFileError('not-captions');
  }

  const cues: Cue[] = [];
  const cueNumbers: number[] = [];
  let number = 0;
  const skipBlock = () => {
    while (i < lines.length && (lines[i] as string).trim() !== '') i++;
  };
  while (i < lines.length) {
    const first = lines[i] as string;
    if (first.trim() === '') {
      i++;
      continue;
    }
    let timingAt: number;
    if (first.includes('-->')) timingAt = i;
    else if (NON_CUE_BLOCK.test(first)) {
      skipBlock();
      continue;
    } else if ((lines[i + 1] ?? '').includes('-->')) timingAt = i + 1; // the first line is the cue's identifier
    else {
      skipBlock();
      continue;
    }
    number++;
    const timing = parseTimingLine(lines[timingAt] as string, '.');
    i = timingAt + 1;
    const textLines: string[] = [];
    // A line with '-->' ends the cue's text and starts the next cue, as in the spec.
    while (i < lines.length && (lines[i] as string).trim() !== '' && !(lines[i] as string).includes('-->')) textLines.push(lines[i++] as string);
    if (!timing) {
      repairs.push({ code: 'cue-dropped-bad-timing', cue: number });
      continue;
    }
    if (timing.repaired) repairs.push({ code: 'timestamp-repaired', cue: number });
    if (timing.settings !== '') repairs.push({ code: 'settings-dropped', cue: number });
    cues.push({ start: timing.start, end: timing.end, text: textLines.join('\n') });
    cueNumbers.push(number);
  }
  if (cues.length === 0) throw new CaptionFileError('no-cues');
  return { cues, repairs, cueNumbers };
}

/**
 * A WebVTT file of the cues: no identifiers, no settings, hh:mm:ss.ttt times. Empty lines inside
 * a cue's text and '-->' would end or break the cue, so they are left out or escaped.
 */
export function serializeWebVtt(cues: readonly Cue[]): string {
  let out = 'WEBVTT\n';
  for (const cue of cues) {
    const text = cue.text
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim().replace(/-->/g, '--&gt;'))
      .filter((line) => line !== '')
      .join('\n');
    out += `\n${formatTimestamp(cue.start)} --> ${formatTimestamp(cue.end)}\n${text}${text === '' ? '' : '\n'}`;
  }
  return out;
}
