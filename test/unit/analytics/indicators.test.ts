import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohortPosition, quartileOf } from '../../../src/analytics/indicators/cohort-position.js';
import { dropoutRisk, type RiskSignals } from '../../../src/analytics/indicators/dropout-risk.js';
import { gradeDistribution } from '../../../src/analytics/indicators/grade-distribution.js';
import { retentionCurve } from '../../../src/analytics/indicators/retention.js';
import type { ViewParams } from '../../../src/analytics/shared-views.js';
import { movedToToday } from '../../../src/analytics/view-warming.js';

const cohort = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, new Set(v)]));

describe('cohort position (TdBP)', () => {
  it('keeps the actions done by ≥ 10 % of the cohort and ≥ 3 learners, and scores +rate done / −rate missed', () => {
    // 10 learners; a..f done by many, g by 2 (under 3 learners), h by 1.
    const learners: Record<string, string[]> = {};
    for (let i = 0; i < 10; i++) learners[`l${i}`] = [];
    const give = (action: string, who: number[]) => who.forEach((i) => learners[`l${i}`]!.push(action));
    give('a', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    give('b', [0, 1, 2, 3, 4, 5, 6, 7]);
    give('c', [0, 1, 2, 3, 4, 5]);
    give('d', [0, 1, 2, 3]);
    give('e', [0, 1, 2]);
    give('f', [0, 1, 9]);
    give('g', [0, 1]);
    give('h', [0]);
    const r = cohortPosition(cohort(learners));
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.activeActions.map((a) => [a.key, a.rate]), [['a', 1], ['b', 0.8], ['c', 0.6], ['d', 0.4], ['e', 0.3], ['f', 0.3]]);
    const byLearner = new Map(r.positions.map((p) => [p.learner, p]));
    // l0 did all six: 1 + .8 + .6 + .4 + .3 + .3 = 3.4; l9 did a and f: 1 + .3 − (.8 + .6 + .4 + .3) = −0.8
    assert.equal(byLearner.get('l0')!.score, 3.4);
    assert.equal(byLearner.get('l9')!.score, -0.8);
    assert.deepEqual([byLearner.get('l0')!.rank, byLearner.get('l1')!.rank, byLearner.get('l2')!.rank], [1, 1, 3], 'ties share a rank');
    assert.equal(byLearner.get('l0')!.quartile, 1);
    assert.equal(byLearner.get('l8')!.quartile, 4);
    assert.deepEqual([byLearner.get('l9')!.done, byLearner.get('l9')!.missed], [2, 4]);
  });

  it('needs 3 learners for an action even in a small cohort, and 10 % in a large one', () => {
    const small: Record<string, string[]> = { a: ['x', 'y'], b: ['x', 'y'], c: [], d: [] };
    const r = cohortPosition(cohort(small), { minRate: 0.1, minLearners: 3, minCohort: 3, minActions: 1 });
    assert.deepEqual(r.activeActions, [], 'x and y: 2 learners each, under 3');
    const large: Record<string, string[]> = {};
    for (let i = 0; i < 100; i++) large[`l${i}`] = i < 9 ? ['rare'] : i < 20 ? ['common'] : [];
    const big = cohortPosition(cohort(large), { minRate: 0.1, minLearners: 3, minCohort: 3, minActions: 1 });
    assert.deepEqual(big.activeActions.map((a) => a.key), ['common'], '9 % is under the 10 %');
  });

  it('ranks nobody in a cohort under 3, or with fewer than 6 active actions (the actions are still listed)', () => {
    const two = cohortPosition(cohort({ a: ['x'], b: ['x'] }));
    assert.equal(two.status, 'cohort-too-small');
    assert.deepEqual([two.activeActions, two.positions], [[], []]);
    const few = cohortPosition(cohort({ a: ['x', 'y'], b: ['x', 'y'], c: ['x', 'y'], d: [] }));
    assert.equal(few.status, 'too-few-actions');
    assert.deepEqual(few.activeActions.map((a) => a.key), ['x', 'y']);
    assert.deepEqual(few.positions, []);
  });

  it('cuts ranks into quartiles of the cohort', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((rank) => quartileOf(rank, 8)), [1, 1, 2, 2, 3, 3, 4, 4]);
    assert.equal(quartileOf(1, 1), 1);
  });
});

describe('dropout risk', () => {
  const calm: RiskSignals = { neverActive: false, daysInactive: 1, recentActivity: 30, previousActivity: 30, missedActiveShare: 0.1, completion: 0.9, gradeShare: 0.8 };

  it('says nothing of an active learner', () => {
    assert.deepEqual(dropoutRisk(calm), { score: 0, level: 'low', reasons: [] });
  });

  it('flags a never-active learner at the top, with that reason only', () => {
    assert.deepEqual(dropoutRisk({ ...calm, neverActive: true }), { score: 100, level: 'high', reasons: [{ code: 'never-active', points: 100, params: {} }] });
  });

  it('adds a point per warning sign and lists each with its facts', () => {
    const r = dropoutRisk({ neverActive: false, daysInactive: 16, recentActivity: 2, previousActivity: 20, missedActiveShare: 0.75, completion: 0.2, gradeShare: 0.35 });
    assert.deepEqual(r.reasons.map((x) => [x.code, x.points]), [['inactive-days', 30], ['activity-drop', 18], ['missed-actions', 15], ['low-completion', 10], ['low-grades', 10]]);
    assert.deepEqual(r.reasons[1]!.params, { percent: 90, recent: 2, previous: 20 });
    assert.equal(r.score, 83);
    assert.equal(r.level, 'high');
  });

  it('needs a base to speak of a drop, and grades or videos to speak of them', () => {
    const r = dropoutRisk({ ...calm, daysInactive: 8, recentActivity: 0, previousActivity: 3, missedActiveShare: null, completion: null, gradeShare: null });
    assert.deepEqual(r.reasons.map((x) => x.code), ['inactive-days']);
    assert.equal(r.level, 'low');
    assert.equal(dropoutRisk({ ...calm, daysInactive: 25, recentActivity: 0, previousActivity: 10 }).level, 'high');
  });
});

describe('retention and grades', () => {
  it('counts, per slice of the timeline, the share of viewers whose segments cover its middle', () => {
    const curve = retentionCurve([[[0, 10]], [[0, 5]], [[5, 10]], []], 10);
    assert.equal(curve.length, 10, 'one slice a second under 100 s');
    assert.deepEqual(curve.map((s) => s.share), [0.667, 0.667, 0.667, 0.667, 0.667, 0.667, 0.667, 0.667, 0.667, 0.667], 'a viewer with no segment is not a viewer');
    const long = retentionCurve([[[0, 300]], [[0, 150], [450, 600]]], 600);
    assert.equal(long.length, 100);
    assert.equal(long[0]!.share, 1);
    assert.equal(long[30]!.share, 0.5);
    assert.equal(long[60]!.share, 0);
    assert.equal(long[99]!.share, 0.5);
    assert.deepEqual(retentionCurve([[[0, 5]]], 0), []);
  });

  it('bins grade shares by tenths, a full mark in the last bin, with mean and median', () => {
    const d = gradeDistribution([1, 0.95, 0.5, 0.55, 0.1, 0]);
    assert.deepEqual(d.distribution.map((b) => b.count), [1, 1, 0, 0, 0, 2, 0, 0, 0, 2]);
    assert.equal(d.graded, 6);
    assert.equal(d.mean, 0.5167);
    assert.equal(d.median, 0.525);
    assert.deepEqual([gradeDistribution([]).mean, gradeDistribution([]).median], [null, null]);
  });
});

describe('kept dashboard views and the calendar', () => {
  it('moves a window that ended on the day it was read to today, split included; leaves a range chosen in the past', () => {
    const risk: ViewParams = { view: 'risk-activity', from: '2026-11-08', to: '2026-12-05', split: '2026-11-22', objectIds: null };
    assert.deepEqual(movedToToday(risk, '2026-12-05', '2026-12-07'), { ...risk, from: '2026-11-10', to: '2026-12-07', split: '2026-11-24' });
    const cohortWindow: ViewParams = { view: 'cohort', from: '2026-11-21', to: '2026-12-05', objectIds: ['v1'] };
    assert.deepEqual(movedToToday(cohortWindow, '2026-12-05', '2026-12-05'), cohortWindow, 'read today: nothing to move');
    const past: ViewParams = { view: 'overview', from: '2026-09-01', to: '2026-09-30', objectIds: null };
    assert.deepEqual(movedToToday(past, '2026-12-05', '2026-12-07'), past, 'a range that ended before it was read stays');
  });
});
