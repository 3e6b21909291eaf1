import type { CaptionRepair } from '../captions.view.js';
import type { Cue } from './cue.js';
import { visibleText } from './cue-rules.js';
import { decodeEntities } from './cue-text.js';
import { CaptionFileError, formatTimestamp, parseTimingLine, splitLines, type ParsedCaptions } from './webvtt.js';

/**
 * SubRip (.srt): numbered blocks of `hh:mm:ss,mmm --> hh:mm:ss,mmm` and text. There is no spec,
 * so the reader goes by timing lines rather than by blank lines: files in the wild miss indices,
 * have blank lines inside a cue or none between cues.
 */

const INDEX_LINE = /^\s*\d+\s*$/;
/** <font color=…> from subtitle editors, and ASS override blocks ({\an8}, {\i1}) that some players honour in SRT. */
const FONT_TAG = /<\/?font\b[^>]*>/gi;
const ASS_OVERRIDE = /\{\\[^}]*\}/g;

/**
 * Cues of an SRT file. Dots in timestamps are read (timestamp-repaired); <font> tags and ASS
 * override blocks are removed (markup-removed); coordinates after the timing are dropped
 * (settings-dropped); a cue whose timing cannot be read is dropped (cue-dropped-bad-timing).
 * Throws not-captions (no timing line) or no-cues.
 */
export function parseSrt(text: string): ParsedCaptions {
  const lines = splitLines(text);
  const timingLines: number[] = [];
  lines.forEach((line, at) => {
    if (line.includes('-->')) timingLines.push(at);
  });
  if (timingLines.length === 0) throw new CaptionFileError('not-captions');

  const cues: Cue[] = [];
  const cueNumbers: number[] = [];
  const repairs: CaptionRepair[] = [];
  timingLines.forEach((at, k) => {
    const number = k + 1;
    let textEnd = timingLines[k + 1] ?? lines.length;
    // The next cue's index belongs to the next cue.
    if (k + 1 < timingLines.length && textEnd - 1 > at && INDEX_LINE.test(lines[textEnd - 1] as string)) textEnd--;
    const timing = parseTimingLine(lines[at] as string, ',');
    if (!timing) {
      repairs.push({ code: 'cue-dropped-bad-timing', cue: number });
      return;
    }
    if (timing.repaired) repairs.push({ code: 'timestamp-repaired', cue: number });
    if (timing.settings !== '') repairs.push({ code: 'settings-dropped', cue: number });
    const raw = lines
      .slice(at + 1, textEnd)
      .filter((line) => line.trim() !== '')
      .join('\n');
    const cleaned = raw.replace(FONT_TAG, '').replace(ASS_OVERRIDE, '');
    if (cleaned !== raw) repairs.push({ code: 'markup-removed', cue: number });
    cues.push({ start: timing.start, end: timing.end, text: cleaned });
    cueNumbers.push(number);
  });
  if (cues.length === 0) throw new CaptionFileError('no-cues');
  return { cues, repairs, cueNumbers };
}

/** Only b, i and u mean something to SRT players; the rest of WebVTT's markup is left out, entities written as characters (SRT has no escapes), and '-->' spaced out so that no text line reads as a timing line. */
function srtText(text: string): string {
  const plain = text.replace(/<(\/?)([^>]*)>/g, (_tag, slash: string, inside: string) => (/^[biu](?:\.|$)/.test(inside) ? `<${slash}${inside[0]}>` : ''));
  return decodeEntities(plain)
    .split('\n')
    .map((line) => line.trim().replace(/-->/g, '-- >'))
    .filter((line) => line !== '')
    .join('\n');
}

/** An SRT file of the cues, numbered from 1; a cue without text is left out (a blank line would end its block). */
export function serializeSrt(cues: readonly Cue[]): string {
  const blocks: string[] = [];
  for (const cue of cues) {
    const text = srtText(cue.text);
    if (visibleText(text).trim() === '') continue;
    blocks.push(`${blocks.length + 1}\n${formatTimestamp(cue.start, ',')} --> ${formatTimestamp(cue.end, ',')}\n${text}\n`);
  }
  return blocks.join('\n');
}
