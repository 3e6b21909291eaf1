/** The subtitle editor's pure state: edits, splits, merges, inserts, deletes, undo and redo, what autosave sends. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cue } from '../../../../src/captions/format/cue.js';
import {
  HISTORY_LIMIT,
  TYPING_STEP_MS,
  cueIndexAt,
  draftReducer,
  emptyDraft,
  isDirty,
  middleCaret,
  timingProblems,
  toCues,
  type CaptionDraft,
  type DraftAction,
} from '../../../../tool/src/captions/editor/caption-draft.js';

const CUES: Cue[] = [
  { start: 0, end: 2, text: 'Bonjour à tous.' },
  { start: 2.5, end: 6, text: 'Aujourd’hui, la mitose.' },
  { start: 7, end: 9, text: 'Première étape.' },
];

const load = (cues: Cue[] = CUES) => draftReducer(emptyDraft(), { type: 'load', cues });
const run = (state: CaptionDraft, ...actions: DraftAction[]) => actions.reduce(draftReducer, state);
const texts = (state: CaptionDraft) => state.cues.map((c) => c.text);
const keyOf = (state: CaptionDraft, i: number) => state.cues[i]!.key;

describe('caption draft', () => {
  it('loads a version clean: nothing to save, nothing to undo, a key per cue', () => {
    const draft = load();
    assert.equal(isDirty(draft), false);
    assert.equal(draft.past.length, 0);
    assert.equal(new Set(draft.cues.map((c) => c.key)).size, 3);
    assert.deepEqual(toCues(draft.cues), CUES);
  });

  it('typing keeps accents and any Unicode as typed, and one typing burst is one undo step', () => {
    let draft = load();
    const key = keyOf(draft, 0);
    draft = run(draft, { type: 'set-text', key, text: 'Bonjour à tous, élèves', at: 1000 }, { type: 'set-text', key, text: 'Bonjour à tous, élèves 🎓 ß', at: 1500 });
    assert.equal(draft.cues[0]!.text, 'Bonjour à tous, élèves 🎓 ß');
    assert.equal(isDirty(draft), true);
    assert.equal(draft.past.length, 1, 'one step for the burst');
    // A pause longer than TYPING_STEP_MS starts a new step.
    draft = run(draft, { type: 'set-text', key, text: 'Salut', at: 1500 + TYPING_STEP_MS + 1 });
    assert.equal(draft.past.length, 2);
    draft = run(draft, { type: 'undo' });
    assert.equal(draft.cues[0]!.text, 'Bonjour à tous, élèves 🎓 ß');
    draft = run(draft, { type: 'undo' });
    assert.equal(draft.cues[0]!.text, 'Bonjour à tous.');
    draft = run(draft, { type: 'redo' }, { type: 'redo' });
    assert.equal(draft.cues[0]!.text, 'Salut');
    assert.equal(run(draft, { type: 'redo' }), draft, 'nothing left to redo');
  });

  it('keeps untouched cues as the same objects (their rows need not render again)', () => {
    const draft = load();
    const next = run(draft, { type: 'set-text', key: keyOf(draft, 1), text: 'x', at: 0 });
    assert.equal(next.cues[0], draft.cues[0]);
    assert.equal(next.cues[2], draft.cues[2]);
    assert.notEqual(next.cues[1], draft.cues[1]);
    assert.equal(run(next, { type: 'set-text', key: keyOf(draft, 1), text: 'x', at: 1 }), next, 'the same text is no change');
  });

  it('sets times to the millisecond, each field its own step', () => {
    let draft = load();
    const key = keyOf(draft, 1);
    draft = run(draft, { type: 'set-time', key, field: 'start', seconds: 2.71828, at: 0 }, { type: 'set-time', key, field: 'end', seconds: 5.5, at: 10 });
    assert.deepEqual([draft.cues[1]!.start, draft.cues[1]!.end], [2.718, 5.5]);
    assert.equal(draft.past.length, 2);
  });

  it('splits at the caret, times in proportion to the characters, focus on the second half', () => {
    let draft = load([{ start: 10, end: 14, text: 'abcd efghijkl' }]);
    draft = run(draft, { type: 'split', key: keyOf(draft, 0), caret: 4 });
    assert.deepEqual(toCues(draft.cues), [
      { start: 10, end: 11.333, text: 'abcd' },
      { start: 11.333, end: 14, text: 'efghijkl' },
    ]);
    assert.equal(draft.focus?.key, keyOf(draft, 1));
    assert.equal(draft.focus?.caret, 0);
    // Tags do not count as characters.
    let tagged = load([{ start: 0, end: 2, text: '<i>ab</i> cd' }]);
    tagged = run(tagged, { type: 'split', key: keyOf(tagged, 0), caret: 9 });
    assert.equal(tagged.cues[0]!.end, 1);
  });

  it('does not split at either end of the text', () => {
    const draft = load();
    assert.equal(run(draft, { type: 'split', key: keyOf(draft, 0), caret: 0 }), draft);
    assert.equal(run(draft, { type: 'split', key: keyOf(draft, 0), caret: 99 }), draft);
    assert.equal(middleCaret('un deux trois'), 7);
    assert.equal(middleCaret('abcdef'), 3);
  });

  it('merges with the next cue on two lines, spanning both', () => {
    let draft = load();
    draft = run(draft, { type: 'merge-next', key: keyOf(draft, 0) });
    assert.deepEqual(toCues(draft.cues), [
      { start: 0, end: 6, text: 'Bonjour à tous.\nAujourd’hui, la mitose.' },
      { start: 7, end: 9, text: 'Première étape.' },
    ]);
    assert.equal(draft.focus?.caret, 'Bonjour à tous.'.length);
    assert.equal(run(draft, { type: 'merge-next', key: keyOf(draft, 1) }), draft, 'the last cue has no next');
  });

  it('inserts after a cue, up to the next one, inside the media', () => {
    let draft = load();
    draft = run(draft, { type: 'insert-after', key: keyOf(draft, 1), at: 0, durationSeconds: 20 });
    assert.deepEqual(draft.cues[2]!.start, 6);
    assert.deepEqual(draft.cues[2]!.end, 7, 'stops where the next one starts');
    assert.equal(draft.focus?.key, keyOf(draft, 2));
    // After the last cue, near the end of the media.
    let end = load([{ start: 0, end: 9.5, text: 'a' }]);
    end = run(end, { type: 'insert-after', key: keyOf(end, 0), at: 0, durationSeconds: 10 });
    assert.deepEqual([end.cues[1]!.start, end.cues[1]!.end], [9.5, 10]);
    // Into an empty track, at the player's time.
    let empty = load([]);
    empty = run(empty, { type: 'insert-after', key: null, at: 3.25, durationSeconds: 60 });
    assert.deepEqual(toCues(empty.cues), [{ start: 3.25, end: 5.25, text: '' }]);
    // With no cue named, where its time puts it.
    let placed = load();
    placed = run(placed, { type: 'insert-after', key: null, at: 6.2, durationSeconds: 60 });
    assert.deepEqual(texts(placed), ['Bonjour à tous.', 'Aujourd’hui, la mitose.', '', 'Première étape.']);
  });

  it('deletes and focuses the neighbour; undo brings the cue back', () => {
    let draft = load();
    const removed = draft.cues[1]!;
    draft = run(draft, { type: 'delete', key: removed.key });
    assert.deepEqual(texts(draft), ['Bonjour à tous.', 'Première étape.']);
    assert.equal(draft.focus?.key, keyOf(draft, 1));
    draft = run(draft, { type: 'undo' });
    assert.equal(draft.cues[1], removed);
  });

  it('tracks what the server has: saved revision, a change after it, a new version loaded', () => {
    let draft = load();
    draft = run(draft, { type: 'set-text', key: keyOf(draft, 0), text: 'a', at: 0 });
    const sent = draft.revision;
    draft = run(draft, { type: 'set-text', key: keyOf(draft, 0), text: 'ab', at: 10 });
    draft = run(draft, { type: 'saved', revision: sent });
    assert.equal(isDirty(draft), true, 'typed while saving');
    draft = run(draft, { type: 'saved', revision: draft.revision });
    assert.equal(isDirty(draft), false);
    draft = run(draft, { type: 'undo' });
    assert.equal(isDirty(draft), true, 'undo is a change to save');
    draft = run(draft, { type: 'load', cues: CUES });
    assert.equal(isDirty(draft), false);
    assert.equal(draft.past.length, 0, 'a restored version starts a new history');
  });

  it('keeps at most HISTORY_LIMIT undo steps', () => {
    let draft = load();
    const key = keyOf(draft, 0);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) draft = run(draft, { type: 'set-time', key, field: 'end', seconds: 2 + i / 1000, at: i * 10_000 });
    assert.equal(draft.past.length, HISTORY_LIMIT);
  });

  it('sends cues in time order, stable for equal starts', () => {
    let draft = load();
    draft = run(draft, { type: 'set-time', key: keyOf(draft, 2), field: 'start', seconds: 0, at: 0 });
    assert.deepEqual(
      toCues(draft.cues).map((c) => c.text),
      ['Bonjour à tous.', 'Première étape.', 'Aujourd’hui, la mitose.'],
    );
  });

  it('finds times the server refuses, and the cue under the playhead', () => {
    const problems = timingProblems(
      [
        { start: 1, end: 1, text: 'a' },
        { start: 2, end: 3, text: 'b' },
        { start: 8, end: 11.5, text: 'c' },
        { start: 9, end: 10.9, text: 'd' },
      ],
      10,
    );
    assert.deepEqual([...problems], [
      [0, 'end-before-start'],
      [2, 'after-media-end'],
    ]);
    assert.equal(cueIndexAt(CUES, 2.2), -1);
    assert.equal(cueIndexAt(CUES, 2.5), 1);
  });
});
