import type { CueLimits, CueWarning, CueWarningCode } from '../../../../src/captions/format/cue.js';
import type { Translate } from '../../i18n/i18n.js';
import { formatCueTime } from './cue-time.js';
import type { TimingProblem } from './caption-draft.js';

/** The same code list for every cue without warnings, so a row's props compare equal. */
export const NO_WARNINGS: readonly CueWarningCode[] = Object.freeze([]);

/** checkCues' list by cue index, each cue's codes once, in the list's order. */
export function warningsByIndex(warnings: readonly CueWarning[]): Map<number, CueWarningCode[]> {
  const byIndex = new Map<number, CueWarningCode[]>();
  for (const w of warnings) {
    const codes = byIndex.get(w.index);
    if (!codes) byIndex.set(w.index, [w.code]);
    else if (!codes.includes(w.code)) codes.push(w.code);
  }
  return byIndex;
}

/**
 * Keeps the previous render's code arrays where a cue's codes did not change, so memoised rows
 * see the same array and do not render again.
 */
export function stableWarnings(next: Map<number, CueWarningCode[]>, previous: Map<number, readonly CueWarningCode[]>): Map<number, readonly CueWarningCode[]> {
  const out = new Map<number, readonly CueWarningCode[]>();
  for (const [index, codes] of next) {
    const before = previous.get(index);
    out.set(index, before && before.length === codes.length && before.every((c, i) => c === codes[i]) ? before : codes);
  }
  return out;
}

/** A warning in words, with the limit it passes ("A line is longer than 42 characters."). */
export function warningText(code: CueWarningCode, limits: CueLimits, t: Translate): string {
  const n = (x: number) => String(Math.round(x * 100) / 100);
  switch (code) {
    case 'too-many-lines':
      return t('captions.warning.too-many-lines', { max: n(limits.maxLines) });
    case 'line-too-long':
      return t('captions.warning.line-too-long', { max: n(limits.maxLineLength) });
    case 'too-long':
      return t('captions.warning.too-long', { max: n(limits.maxDuration) });
    case 'too-short':
      return t('captions.warning.too-short', { min: n(limits.minDuration) });
    case 'too-fast':
      return t('captions.warning.too-fast', { max: n(limits.maxCharsPerSecond) });
    case 'overlap':
      return t('captions.warning.overlap');
    case 'empty':
      return t('captions.warning.empty');
  }
}

export function timingText(problem: TimingProblem, durationSeconds: number, t: Translate): string {
  return problem === 'end-before-start'
    ? t('captions.cue.error.end-before-start')
    : t('captions.cue.error.after-media-end', { duration: formatCueTime(durationSeconds, durationSeconds) });
}

/** The next index after `from` that has a problem, going round to the first; -1 when none. */
export function nextProblemIndex(indices: readonly number[], from: number): number {
  if (indices.length === 0) return -1;
  let best = -1;
  for (const i of indices) if (i > from && (best === -1 || i < best)) best = i;
  return best === -1 ? Math.min(...indices) : best;
}
