/**
 * A caption cue and the rules a readable one follows. Pure (no Node import): the subtitle
 * editor in tool/ imports this folder too, so the server and the editor judge cues alike.
 */

/** One cue: times in seconds from the start of the media; text is plain text or the WebVTT tags the spec allows, lines split by '\n'. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** What a readable cue respects (settings: CAPTIONS_MAX_LINES, …; the defaults follow broadcasters' guidelines). */
export interface CueLimits {
  maxLines: number;
  maxLineLength: number;
  /** Seconds. */
  maxDuration: number;
  /** Seconds. */
  minDuration: number;
  /** Characters per second, spaces and line breaks included, tags excluded. */
  maxCharsPerSecond: number;
}

export const DEFAULT_CUE_LIMITS: CueLimits = {
  maxLines: 2,
  maxLineLength: 42,
  maxDuration: 7,
  minDuration: 1,
  maxCharsPerSecond: 20,
};

/** Why a cue is outside the limits (the editor's warnings, the import report's notes). */
export type CueWarningCode = 'too-many-lines' | 'line-too-long' | 'too-long' | 'too-short' | 'too-fast' | 'overlap' | 'empty';

export interface CueWarning {
  /** Index of the cue in the list. */
  index: number;
  code: CueWarningCode;
}
