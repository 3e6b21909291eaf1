import type { Cue } from '../../../../src/captions/format/cue.js';
import { toMillis } from './cue-time.js';

/**
 * The subtitle editor's state as a pure reducer: the cues being edited, an undo/redo history
 * kept in memory, and what the autosave needs (which revision the server has). Every change
 * makes new arrays and new objects only for the cues it touches, so a row whose cue is the
 * same object need not render again.
 */

/** A cue with a key that survives edits, splits and reordering (the row's identity). */
export interface DraftCue extends Cue {
  key: string;
}

export type CueField = 'start' | 'end' | 'text';

export interface CaptionDraft {
  cues: readonly DraftCue[];
  past: readonly (readonly DraftCue[])[];
  future: readonly (readonly DraftCue[])[];
  /** Counts changes (undo and redo included); `saved` is the revision the server has. */
  revision: number;
  saved: number;
  /** The field being typed in, and when: typing in one field makes one undo step. */
  typing: { key: string; field: CueField; at: number } | null;
  /** Where focus goes after a change that adds or removes rows (serial: a new request each time). */
  focus: { key: string; field: CueField; caret: number | null; serial: number } | null;
}

export type DraftAction =
  /** A version from the server (opening, reloading, restoring): the history starts afresh. */
  | { type: 'load'; cues: readonly Cue[] }
  /** The server kept `revision` (PUT answered). */
  | { type: 'saved'; revision: number }
  | { type: 'set-text'; key: string; text: string; at: number }
  | { type: 'set-time'; key: string; field: 'start' | 'end'; seconds: number; at: number }
  /** Splits the cue at `caret` (a position in its text); times in proportion to the characters. */
  | { type: 'split'; key: string; caret: number }
  | { type: 'merge-next'; key: string }
  /** A new empty cue after `key` (or at `at` seconds when null: an empty list, the player's time). */
  | { type: 'insert-after'; key: string | null; at: number; durationSeconds: number }
  | { type: 'delete'; key: string }
  | { type: 'undo' }
  | { type: 'redo' };

/** Undo steps kept (each a list of references: 200 × 1,500 cues is a few megabytes). */
export const HISTORY_LIMIT = 200;
/** Typing pauses shorter than this stay in the same undo step. */
export const TYPING_STEP_MS = 2000;
/** A new cue lasts this long when there is room. */
export const NEW_CUE_SECONDS = 2;

let lastKey = 0;
export function newCueKey(): string {
  lastKey += 1;
  return `cue-${lastKey}`;
}

export function toDraftCues(cues: readonly Cue[]): DraftCue[] {
  return cues.map((c) => ({ key: newCueKey(), start: c.start, end: c.end, text: c.text }));
}

export function emptyDraft(): CaptionDraft {
  return { cues: [], past: [], future: [], revision: 0, saved: 0, typing: null, focus: null };
}

export function isDirty(draft: CaptionDraft): boolean {
  return draft.revision !== draft.saved;
}

/** What PUT /api/captions/:id takes: cues in time order (a stable sort: equal starts keep their order), without keys. */
export function toCues(cues: readonly DraftCue[]): Cue[] {
  return cues
    .map((c, index) => ({ c, index }))
    .sort((a, b) => a.c.start - b.c.start || a.index - b.index)
    .map(({ c }) => ({ start: c.start, end: c.end, text: c.text }));
}

export function sameCues(a: readonly Cue[], b: readonly Cue[]): boolean {
  return a.length === b.length && a.every((c, i) => c.start === b[i]!.start && c.end === b[i]!.end && c.text === b[i]!.text);
}

/** Characters a reader reads: WebVTT tags (`<i>`, `<v Name>`) do not count. */
export function readableLength(text: string): number {
  return text.replace(/<[^>]*>/g, '').length;
}

let focusSerial = 0;
/** Focus requests are numbered in one sequence (the draft's and the editor's own): the newest wins. */
export function nextFocusSerial(): number {
  focusSerial += 1;
  return focusSerial;
}
const focusOn = (key: string, field: CueField, caret: number | null = null): CaptionDraft['focus'] => ({ key, field, caret, serial: nextFocusSerial() });

/** A change that becomes an undo step (unless it continues the typing in progress). */
function change(state: CaptionDraft, cues: readonly DraftCue[], extra: Partial<CaptionDraft> = {}, continuesTyping = false): CaptionDraft {
  const past = continuesTyping ? state.past : [...state.past, state.cues].slice(-HISTORY_LIMIT);
  return { ...state, cues, past, future: [], revision: state.revision + 1, typing: null, focus: null, ...extra };
}

const indexOf = (state: CaptionDraft, key: string | null) => (key === null ? -1 : state.cues.findIndex((c) => c.key === key));

function replaceAt(cues: readonly DraftCue[], index: number, ...replacement: DraftCue[]): DraftCue[] {
  return [...cues.slice(0, index), ...replacement, ...cues.slice(index + 1)];
}

export function draftReducer(state: CaptionDraft, action: DraftAction): CaptionDraft {
  switch (action.type) {
    case 'load': {
      const revision = state.revision + 1;
      return { ...emptyDraft(), cues: toDraftCues(action.cues), revision, saved: revision };
    }
    case 'saved':
      return { ...state, saved: action.revision };
    case 'set-text':
    case 'set-time':
      return edit(state, action);
    case 'split':
      return split(state, action.key, action.caret);
    case 'merge-next':
      return mergeNext(state, action.key);
    case 'insert-after':
      return insertAfter(state, action);
    case 'delete': {
      const index = indexOf(state, action.key);
      if (index < 0) return state;
      const cues = replaceAt(state.cues, index);
      const neighbour = cues[Math.min(index, cues.length - 1)];
      return change(state, cues, { focus: neighbour ? focusOn(neighbour.key, 'text') : null });
    }
    case 'undo': {
      const previous = state.past[state.past.length - 1];
      if (!previous) return state;
      return { ...state, cues: previous, past: state.past.slice(0, -1), future: [state.cues, ...state.future], revision: state.revision + 1, typing: null, focus: null };
    }
    case 'redo': {
      const next = state.future[0];
      if (!next) return state;
      return { ...state, cues: next, past: [...state.past, state.cues], future: state.future.slice(1), revision: state.revision + 1, typing: null, focus: null };
    }
  }
}

function edit(state: CaptionDraft, action: Extract<DraftAction, { type: 'set-text' | 'set-time' }>): CaptionDraft {
  const index = indexOf(state, action.key);
  const cue = state.cues[index];
  if (!cue) return state;
  const field: CueField = action.type === 'set-text' ? 'text' : action.field;
  const updated = action.type === 'set-text' ? { ...cue, text: action.text } : { ...cue, [action.field]: toMillis(Math.max(0, action.seconds)) };
  if (updated[field] === cue[field]) return state;
  const typing = state.typing;
  const continues = typing !== null && typing.key === action.key && typing.field === field && action.at - typing.at < TYPING_STEP_MS;
  return change(state, replaceAt(state.cues, index, updated), { typing: { key: action.key, field, at: action.at } }, continues);
}

/** Where to cut when no caret says so: the space nearest the middle, else the middle. */
export function middleCaret(text: string): number {
  const middle = Math.floor(text.length / 2);
  for (let d = 0; d <= middle; d++) {
    if (text[middle - d] === ' ' || text[middle - d] === '\n') return middle - d;
    if (text[middle + d] === ' ' || text[middle + d] === '\n') return middle + d;
  }
  return middle;
}

function split(state: CaptionDraft, key: string, caret: number): CaptionDraft {
  const index = indexOf(state, key);
  const cue = state.cues[index];
  if (!cue) return state;
  const at = Math.min(Math.max(0, caret), cue.text.length);
  const before = cue.text.slice(0, at).trimEnd();
  const after = cue.text.slice(at).trimStart();
  if (!before || !after) return state;
  const share = readableLength(before) / (readableLength(before) + readableLength(after) || 1);
  const time = toMillis(cue.start + (cue.end - cue.start) * share);
  const second: DraftCue = { key: newCueKey(), start: time, end: cue.end, text: after };
  return change(state, replaceAt(state.cues, index, { ...cue, end: time, text: before }, second), { focus: focusOn(second.key, 'text', 0) });
}

function mergeNext(state: CaptionDraft, key: string): CaptionDraft {
  const index = indexOf(state, key);
  const cue = state.cues[index];
  const next = state.cues[index + 1];
  if (!cue || !next) return state;
  const head = cue.text.trimEnd();
  const tail = next.text.trimStart();
  const text = head && tail ? `${head}\n${tail}` : head || tail;
  const merged: DraftCue = { ...cue, start: Math.min(cue.start, next.start), end: Math.max(cue.end, next.end), text };
  const cues = [...state.cues.slice(0, index), merged, ...state.cues.slice(index + 2)];
  return change(state, cues, { focus: focusOn(cue.key, 'text', head.length) });
}

function insertAfter(state: CaptionDraft, action: Extract<DraftAction, { type: 'insert-after' }>): CaptionDraft {
  const index = indexOf(state, action.key);
  const previous = state.cues[index];
  const next = state.cues[index + 1];
  const limit = action.durationSeconds > 0 ? action.durationSeconds : Infinity;
  let start = previous ? previous.end : Math.max(0, action.at);
  if (start >= limit) start = Math.max(0, limit - NEW_CUE_SECONDS);
  let end = Math.min(start + NEW_CUE_SECONDS, limit);
  // Up to the next cue when it starts sooner, unless that leaves almost nothing (the overlap then shows as a warning).
  if (next && next.start > start + 0.5) end = Math.min(end, next.start);
  const cue: DraftCue = { key: newCueKey(), start: toMillis(start), end: toMillis(end), text: '' };
  // With no cue named, the new one goes where its time puts it.
  const at = previous ? index + 1 : state.cues.findIndex((c) => c.start > cue.start);
  const position = at < 0 ? state.cues.length : at;
  return change(state, [...state.cues.slice(0, position), cue, ...state.cues.slice(position)], { focus: focusOn(cue.key, 'text', 0) });
}

export type TimingProblem = 'end-before-start' | 'after-media-end';

/** The server's tolerance past the media's end (players report the last frame's time differently). */
export const MEDIA_END_TOLERANCE_SECONDS = 1;

/**
 * Times the server cannot keep (saving waits until they are fixed): an end not after its start,
 * or a cue ending after the media. `durationSeconds` 0 when unknown.
 */
export function timingProblems(cues: readonly Cue[], durationSeconds: number): Map<number, TimingProblem> {
  const problems = new Map<number, TimingProblem>();
  cues.forEach((cue, index) => {
    if (cue.end <= cue.start) problems.set(index, 'end-before-start');
    else if (durationSeconds > 0 && cue.end > durationSeconds + MEDIA_END_TOLERANCE_SECONDS) problems.set(index, 'after-media-end');
  });
  return problems;
}

/** The cue shown at `time` (the first that covers it), or -1. */
export function cueIndexAt(cues: readonly Cue[], time: number): number {
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i]!;
    if (cue.start <= time && time < cue.end) return i;
  }
  return -1;
}
