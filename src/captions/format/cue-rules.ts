import type { Cue, CueLimits, CueWarning } from './cue.js';
import { decodeEntities } from './cue-text.js';

/**
 * Whether cues are readable (CueLimits). The editor runs this on each keystroke over the whole
 * track, so it allocates little and skips the tag and entity work for plain text.
 */

/** Cue times are milliseconds written as seconds: a difference below half a millisecond is rounding, not a fault. */
const TIME_EPSILON = 0.0005;

const TAG = /<[^>]*>/g;

/** The text a viewer sees: tags removed, entities decoded; line breaks stay '\n'. */
export function visibleText(text: string): string {
  let visible = text;
  if (visible.includes('<')) visible = visible.replace(TAG, '');
  if (visible.includes('&')) visible = decodeEntities(visible);
  return visible;
}

/** Characters as a viewer counts them: code points, so that an emoji or a rare CJK character counts once. */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count--;
    }
  }
  return count;
}

/** The visible length of each line of a cue. */
export function lineLengths(text: string): number[] {
  return visibleText(text).split('\n').map(characterCount);
}

/** Characters read, for the reading speed: visible characters, a line break counting as the space it stands for. */
export function readingLength(text: string): number {
  return characterCount(visibleText(text));
}

/** The warnings of each cue, in cue order; a cue within every limit has none. */
export function checkCues(cues: readonly Cue[], limits: CueLimits): CueWarning[] {
  const warnings: CueWarning[] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < cues.length; index++) {
    const cue = cues[index] as Cue;
    const visible = visibleText(cue.text);
    const duration = cue.end - cue.start;
    const characters = characterCount(visible);
    if (visible.trim() === '') {
      warnings.push({ index, code: 'empty' });
    } else {
      let lines = 1;
      let lineStart = 0;
      let tooLong = false;
      for (let at = visible.indexOf('\n'); ; at = visible.indexOf('\n', lineStart)) {
        const lineEnd = at === -1 ? visible.length : at;
        // Code units are never fewer than code points: count those only when the quick measure is over.
        if (lineEnd - lineStart > limits.maxLineLength && characterCount(visible.slice(lineStart, lineEnd)) > limits.maxLineLength) tooLong = true;
        if (at === -1) break;
        lines++;
        lineStart = at + 1;
      }
      if (lines > limits.maxLines) warnings.push({ index, code: 'too-many-lines' });
      if (tooLong) warnings.push({ index, code: 'line-too-long' });
      if (characters > limits.maxCharsPerSecond * (duration + TIME_EPSILON)) warnings.push({ index, code: 'too-fast' });
    }
    if (duration > limits.maxDuration + TIME_EPSILON) warnings.push({ index, code: 'too-long' });
    if (duration < limits.minDuration - TIME_EPSILON) warnings.push({ index, code: 'too-short' });
    if (cue.start < previousEnd - TIME_EPSILON) warnings.push({ index, code: 'overlap' });
    previousEnd = cue.end;
  }
  return warnings;
}
