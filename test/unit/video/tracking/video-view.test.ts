import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkVideoStatement, type VideoStatement } from '../../../../src/video/tracking/video-profile.js';
import { applyStatements, scoreToSend, type VideoFactsForView, type VideoViewState } from '../../../../src/video/tracking/video-view.js';
import { videoStatement, type Verb } from './video-statements.js';

const EMPTY: VideoViewState = { segments: [], positionSeconds: 0, positionAt: null, watchedShare: 0, completedAt: null, lastSessionId: null };
const FACTS = { durationSeconds: 20, completionThreshold: 0.9 };
const T0 = Date.parse('2026-11-29T08:00:00Z');
const NOW = new Date(T0 + 60_000);
/** A budget that never binds: these tests are about what a batch claims (the cap has its own tests). */
const ANY = Number.POSITIVE_INFINITY;
const apply = (view: VideoViewState, statements: VideoStatement[], facts: VideoFactsForView = FACTS, now = NOW, budget = ANY) => applyStatements(view, statements, facts, now, budget).view;

function st(verb: Verb, second: number, result?: Record<string, unknown>, sessionId?: string): VideoStatement {
  const check = checkVideoStatement(videoStatement(verb, { at: new Date(T0 + second * 1000), result, sessionId }));
  assert.ok(check.ok, JSON.stringify(check));
  return check.statement;
}

describe('a person’s view of a video', () => {
  it('merges the played segments, recomputes the share from the server’s duration, and resumes at the latest time', () => {
    const view = apply(
      EMPTY,
      [
        st('played', 0, { time: 0 }),
        // The client claims it is all watched: its progress is not trusted, its segments are.
        st('paused', 5, { time: 5, progress: 1, 'played-segments': '0[.]5' }),
        st('seeked', 6, { 'time-from': 5, 'time-to': 10 }),
        st('played', 7, { time: 10 }),
        st('paused', 12, { time: 15, progress: 1, 'played-segments': '0[.]5[,]10[.]15' }),
      ],
    );
    assert.deepEqual(view.segments, [[0, 5], [10, 15]]);
    assert.equal(view.watchedShare, 0.5);
    assert.equal(view.positionSeconds, 15);
    assert.equal(view.completedAt, null);
    assert.equal(view.lastSessionId, '5f0e7b4a-3c1d-4e2f-9a8b-1c2d3e4f5a6b');
  });

  it('counts play → pause and play → seek inside a batch even without played-segments', () => {
    const played = st('played', 0, { time: 2 });
    const seeked = st('seeked', 3, { 'time-from': 6, 'time-to': 12 });
    const terminated = st('terminated', 5, { time: 14, progress: 0.1, 'played-segments': '' });
    const view = apply(EMPTY, [terminated, seeked, played]);
    assert.deepEqual(view.segments, [[2, 6], [12, 14]], 'ordered by timestamp, not by arrival');
    assert.equal(view.positionSeconds, 14);
  });

  it('completes once the share reaches the threshold, and stays completed', () => {
    const done = apply(EMPTY, [st('paused', 1, { time: 18, progress: 0.9, 'played-segments': '0[.]18' })]);
    assert.equal(done.watchedShare, 0.9);
    assert.equal(done.completedAt, NOW);
    const later = apply(done, [st('seeked', 2, { 'time-from': 18, 'time-to': 0 })], { ...FACTS, completionThreshold: 1 }, new Date(T0 + 999_000));
    assert.equal(later.completedAt, NOW);
  });

  it('is idempotent, and a late batch does not move the resume point back', () => {
    const batch = [st('played', 0, { time: 0 }), st('paused', 4, { time: 4, progress: 0.2, 'played-segments': '0[.]4' })];
    const once = apply(EMPTY, batch);
    assert.deepEqual(apply(once, batch), once);
    const newer = apply(once, [st('paused', 30, { time: 9, progress: 0.4, 'played-segments': '6[.]9' })]);
    const late = apply(newer, [st('played', 10, { time: 1 })]);
    assert.equal(late.positionSeconds, 9);
    assert.deepEqual(late.segments, [[0, 4], [6, 9]]);
  });

  it('clips to the duration, and credits nothing while no media is published', () => {
    const past = apply(EMPTY, [st('terminated', 1, { time: 25, progress: 1, 'played-segments': '0[.]25' })]);
    assert.deepEqual(past.segments, [[0, 20]]);
    assert.equal(past.positionSeconds, 20);
    assert.equal(past.watchedShare, 1);
    const noMedia = apply({ ...EMPTY, watchedShare: 0.3 }, [st('paused', 1, { time: 5, progress: 0.2, 'played-segments': '0[.]5' })], { durationSeconds: null, completionThreshold: 0.9 });
    assert.equal(noMedia.watchedShare, 0.3);
    assert.equal(noMedia.completedAt, null);
    assert.deepEqual(noMedia.segments, [], 'nothing could be watched: nothing is kept to count once a media is published');
  });

  it('credits new seconds only up to the budget, along the timeline, and completes on what was credited', () => {
    const claim = [st('played', 0, { time: 0 }), st('completed', 1, { time: 20, progress: 1, 'played-segments': '0[.]20' })];
    const capped = applyStatements({ ...EMPTY, segments: [[2, 4]] }, claim, FACTS, NOW, 5);
    assert.deepEqual(capped.view.segments, [[0, 7]], 'the 2 s credited before cost nothing; 0–2 then 4–7 are new');
    assert.equal(capped.creditedSeconds, 5);
    assert.equal(capped.view.watchedShare, 0.35);
    assert.equal(capped.view.completedAt, null, 'the claim of completion is not credited');
    assert.equal(capped.view.positionSeconds, 20, 'where the player stands is not a claim of watching');

    const none = applyStatements(EMPTY, claim, FACTS, NOW, 0);
    assert.deepEqual([none.view.segments, none.creditedSeconds, none.view.watchedShare], [[], 0, 0]);
    const caughtUp = applyStatements(capped.view, claim, FACTS, NOW, 100);
    assert.deepEqual([caughtUp.view.segments, caughtUp.creditedSeconds, caughtUp.view.completedAt], [[[0, 20]], 13, NOW], 'the same cumulative claim, later, is credited in full');
  });
});

describe('the grade from the watched share', () => {
  it('sends share × maximum when it rises by at least 1 % of the maximum, or on completion', () => {
    assert.equal(scoreToSend({ share: 0.25, scoreMaximum: 20, bestScoreSent: null, justCompleted: false }), 5);
    assert.equal(scoreToSend({ share: 0.254, scoreMaximum: 20, bestScoreSent: 5, justCompleted: false }), null, '+0.08 is below 1 % of 20');
    assert.equal(scoreToSend({ share: 0.26, scoreMaximum: 20, bestScoreSent: 5, justCompleted: false }), 5.2);
    assert.equal(scoreToSend({ share: 0.9004, scoreMaximum: 20, bestScoreSent: 17.95, justCompleted: true }), 18.01);
    assert.equal(scoreToSend({ share: 0.333333, scoreMaximum: 10, bestScoreSent: null, justCompleted: false }), 3.33);
  });

  it('never lowers a grade, and sends nothing for nothing watched', () => {
    assert.equal(scoreToSend({ share: 0.4, scoreMaximum: 20, bestScoreSent: 10, justCompleted: false }), null);
    assert.equal(scoreToSend({ share: 0.5, scoreMaximum: 20, bestScoreSent: 10, justCompleted: true }), null);
    assert.equal(scoreToSend({ share: 0, scoreMaximum: 20, bestScoreSent: null, justCompleted: false }), null);
    assert.equal(scoreToSend({ share: 0.004, scoreMaximum: 20, bestScoreSent: null, justCompleted: false }), null);
  });
});
