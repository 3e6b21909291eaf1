import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../../src/http/errors.js';
import { mergeSegments, type Segment } from '../../../../src/video/tracking/played-segments.js';
import { creditedPart, creditSegments, MAX_VIEW_SEGMENTS } from '../../../../src/video/tracking/segment-credit.js';
import { checkBatch, END_TOLERANCE_SECONDS } from '../../../../src/video/tracking/statement-batch.js';
import { durationToSeconds, secondsToDuration } from '../../../../src/video/tracking/result-duration.js';
import { toXapiStatement, type StatementEnvironment } from '../../../../src/video/tracking/stored-statement.js';
import { checkVideoStatement, type VideoStatement } from '../../../../src/video/tracking/video-profile.js';
import { CREDIT_GRACE_SECONDS, spendBudget, watchBudget, type BudgetClock } from '../../../../src/video/tracking/watch-budget.js';
import { videoStatement, type Verb } from './video-statements.js';

const total = (segments: readonly Segment[]) => mergeSegments(segments).reduce((sum, [s, e]) => sum + (e - s), 0);
const close = (actual: number, expected: number, what?: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what ?? ''} ${actual} ≠ ${expected}`);

/** A small seeded generator: the same "random" cases on every run. */
function random(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('crediting played segments', () => {
  it('adds what the claim holds beyond the credited segments, earliest first, up to the budget', () => {
    const credit = creditSegments([[10, 20]], [[0, 30]], 15);
    assert.deepEqual(credit.segments, [[0, 25]], '0–10 then 20–25');
    assert.equal(credit.seconds, 15);
    assert.deepEqual(creditSegments([[10, 20]], [[12, 18]], 0), { segments: [[10, 20]], seconds: 0 }, 'watched again costs nothing');
    assert.deepEqual(creditSegments([], [[0, 4]], 100), { segments: [[0, 4]], seconds: 4 });
  });

  it('charges the gaps that merging fills: a claim shredded into slivers gets no more than its budget', () => {
    // 1 ms played every 10 ms: merged, it would read as one long segment.
    const slivers: Segment[] = Array.from({ length: 2000 }, (_, i) => [i * 0.01, i * 0.01 + 0.001]);
    const credit = creditSegments([], slivers, 2);
    assert.ok(credit.seconds <= 2);
    close(total(credit.segments), credit.seconds, 'what is stored is what was charged');
  });

  it('never ends a piece cut short within the join gap of what follows', () => {
    const credit = creditSegments([[5, 6]], [[0, 5]], 4.995);
    assert.deepEqual(credit.segments, [[0, 4.989], [5, 6]]);
    close(credit.seconds, 4.989);
    close(total(credit.segments) - 1, credit.seconds);
  });

  it('keeps to the budget, to the claim and to what was credited, whatever the claim', () => {
    const next = random(13);
    for (let round = 0; round < 300; round++) {
      const segments = (n: number): Segment[] =>
        Array.from({ length: n }, () => {
          const start = Math.round(next() * 60_000) / 1000;
          return [start, Math.min(60, start + Math.round(next() * (next() < 0.5 ? 30 : 5_000)) / 1000)];
        });
      const have = mergeSegments(segments(Math.floor(next() * 4)));
      const claim = segments(1 + Math.floor(next() * 30));
      const budget = next() * 40;
      const credit = creditSegments(have, claim, budget);
      assert.ok(credit.seconds <= budget + 1e-9, `round ${round}: ${credit.seconds} > ${budget}`);
      close(total(credit.segments) - total(have), credit.seconds, `round ${round}: the growth is what was charged`);
      close(total(mergeSegments(credit.segments, have)), total(credit.segments), `round ${round}: nothing credited is lost`);
      const allowed = mergeSegments(have, claim);
      close(total(mergeSegments(allowed, credit.segments)), total(allowed), `round ${round}: nothing outside the claim`);
    }
  });

  it('keeps at most MAX_VIEW_SEGMENTS segments, still crediting pieces that join', () => {
    const apart: Segment[] = Array.from({ length: MAX_VIEW_SEGMENTS + 5 }, (_, i) => [i, i + 0.5]);
    const credit = creditSegments([], apart, 10_000);
    assert.equal(credit.segments.length, MAX_VIEW_SEGMENTS);
    const joined = creditSegments(credit.segments, [[0, 1]], 10);
    assert.equal(joined.segments.length, MAX_VIEW_SEGMENTS - 1, 'filling a hole still counts');
    assert.equal(joined.seconds, 0.5);
  });

  it('says which part of a claim was credited', () => {
    assert.deepEqual(creditedPart([[0, 30], [40, 50]], [[5, 10], [20, 45]]), [[5, 10], [20, 30], [40, 45]]);
    assert.deepEqual(creditedPart([[0, 100000]], []), []);
  });
});

const LAUNCH = new Date('2026-11-29T08:00:00Z');
const session = (startedAt = LAUNCH) => ({ createdAt: startedAt, expiresAt: new Date(startedAt.getTime() + 12 * 3600_000) });
const NEW: BudgetClock = { budgetFrom: null, sessionStartedAt: null, sessionExpiresAt: null };
const after = (seconds: number, from = LAUNCH) => new Date(from.getTime() + seconds * 1000);

describe('the watching budget', () => {
  it('counts from the launch session, at the highest speed, with a small grace', () => {
    assert.equal(watchBudget(NEW, session(), after(0.6), 2).seconds, 1.2 + CREDIT_GRACE_SECONDS);
    assert.equal(watchBudget(NEW, session(), after(30), 1.5).seconds, 45 + CREDIT_GRACE_SECONDS);
  });

  it('gives the grace once: many requests get no more than the time allows', () => {
    let clock = NEW;
    let credited = 0;
    for (let i = 1; i <= 100; i++) {
      const budget = watchBudget(clock, session(), after(i * 0.01), 2);
      credited += budget.seconds;
      clock = spendBudget(budget, budget.seconds, 2);
    }
    assert.ok(credited <= 2 + CREDIT_GRACE_SECONDS + 1e-9, `${credited}`);
  });

  it('is one budget for all the person’s tabs', () => {
    const first = watchBudget(NEW, session(), after(10), 2);
    const clock = spendBudget(first, first.seconds, 2);
    const otherTab = watchBudget(clock, session(after(1)), after(10), 2);
    assert.ok(otherTab.seconds < 0.01, `${otherTab.seconds}`);
  });

  it('banks nothing from before the earliest live session that reported on any of the person’s videos', () => {
    const yesterday: BudgetClock = { budgetFrom: after(-86_400), sessionStartedAt: after(-86_400), sessionExpiresAt: after(-86_400 + 12 * 3600) };
    const today = watchBudget(yesterday, session(), after(10), 2);
    assert.equal(today.seconds, 20 + CREDIT_GRACE_SECONDS);
    assert.deepEqual([today.clock.sessionStartedAt, today.from], [LAUNCH, LAUNCH]);
    // An earlier tab, still open, keeps its time; a later one does not move the start.
    const later = watchBudget(today.clock, session(after(5)), after(20), 2);
    assert.equal(later.from.getTime(), LAUNCH.getTime());
  });

  it('lets an honest player at 1× or at the highest speed be credited everything in the end, however its reports travel', () => {
    const next = random(7);
    for (const speed of [1, 2]) {
      for (let run = 0; run < 20; run++) {
        const duration = 60 + Math.floor(next() * 600);
        // Plays without a stop from when the page has loaded, and reports its cumulative segments
        // now and then; each report reaches the server after its own delay (batching, network).
        const playFrom = 0.3 + next() * 2;
        const reports: { arrives: number; position: number }[] = [];
        for (let wall = playFrom; ; ) {
          wall = Math.min(wall + next() * 20, playFrom + duration / speed);
          reports.push({ arrives: wall + next() * 1.5, position: Math.round((wall - playFrom) * speed * 1000) / 1000 });
          if (wall >= playFrom + duration / speed) break;
        }
        reports.sort((a, b) => a.arrives - b.arrives);
        let clock = NEW;
        let credited: Segment[] = [];
        for (const { arrives, position } of reports) {
          const budget = watchBudget(clock, session(), after(arrives), 2);
          const credit = creditSegments(credited, [[0, position]], budget.seconds);
          clock = spendBudget(budget, credit.seconds, 2);
          credited = credit.segments;
        }
        assert.deepEqual(credited, [[0, duration]], `speed ${speed}, run ${run}`);
      }
    }
  });
});

describe('a batch against the media’s duration', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof AppError);
      return { code: err.code, ...err.params } as Record<string, unknown>;
    }
    assert.fail('not refused');
  };

  it('refuses a segment or a time past the end, naming the statement; clips what is within the tolerance', () => {
    const beyond = [videoStatement('played', { result: { time: 0 } }), videoStatement('paused', { result: { time: 5, progress: 1, 'played-segments': '0[.]100000' } })];
    const reason = 'result.extensions.played-segments: the segment 0[.]100000 is past the end of the video (60 s)';
    assert.deepEqual(refusal(() => checkBatch(beyond, Date.now(), 60)), {
      code: 'video-statement-refused',
      index: 1,
      reason,
      issues: [{ path: 'body.statements.1', message: reason }],
    });
    const late = [videoStatement('seeked', { result: { 'time-from': 3, 'time-to': 75 } })];
    assert.match(String(refusal(() => checkBatch(late, Date.now(), 60)).reason), /^result\.extensions\.time-to: 75 is past the end/);
    const justPast = [videoStatement('paused', { result: { time: 60.4, progress: 1, 'played-segments': `0[.]${60 + END_TOLERANCE_SECONDS}` } })];
    assert.equal(checkBatch(justPast, Date.now(), 60).length, 1);
    assert.equal(checkBatch(beyond, Date.now(), null).length, 2, 'no media, no duration to check against (and nothing is credited)');
  });

  it('refuses captions a page says it showed in a language the video has no track in', () => {
    const shown = (lang: string) => [videoStatement('interacted', { context: { 'cc-subtitle-enabled': true, 'cc-subtitle-lang': lang } })];
    const tracks = new Set(['fr-FR', 'en']);
    assert.equal(checkBatch(shown('fr-FR'), Date.now(), 60, tracks).length, 1);
    assert.match(String(refusal(() => checkBatch(shown('de'), Date.now(), 60, tracks)).reason), /^context\.extensions\.cc-subtitle-lang: the video has no caption track in "de"/);
    assert.match(String(refusal(() => checkBatch(shown('fr'), Date.now(), 60, new Set())).reason), /no caption track/, 'no track at all: no captions were shown');
  });

  it('lists every refused statement, so that the player can send the others again', () => {
    const batch = [
      videoStatement('played', { result: { time: 0 } }),
      videoStatement('paused', { result: { time: 50, progress: 1, 'played-segments': '0[.]50' } }),
      videoStatement('played', { result: { time: 2 } }),
      { ...videoStatement('played'), verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } },
      videoStatement('seeked', { result: { 'time-from': 2, 'time-to': 45 } }),
    ];
    const refused = refusal(() => checkBatch(batch, Date.now(), 30));
    assert.equal(refused.index, 1, 'the message names the first');
    assert.deepEqual((refused.issues as { path: string }[]).map((i) => i.path), ['body.statements.1', 'body.statements.3', 'body.statements.4']);
    assert.equal(checkBatch([batch[0], batch[2]], Date.now(), 30).length, 2, 'the rest, sent again, is taken');
  });
});

describe('what a stored statement says was completed and spent', () => {
  const env = (credited: Segment[], viewCompleted: boolean) =>
    ({
      actor: { objectType: 'Agent', account: { homePage: 'https://moodle.example', name: 'u1' } },
      session: { platform: { name: 'Moodle' }, locale: 'fr', context: null },
      publicUrl: 'https://amphi.example',
      objectId: 'https://amphi.example/xapi/activities/resources/r1',
      title: 'Cours 1',
      durationSeconds: 60,
      completionThreshold: 0.9,
      credited,
      viewCompleted,
    }) as unknown as StatementEnvironment;
  const checked = (verb: Verb, result: Record<string, unknown>, fields: Record<string, unknown>): VideoStatement => {
    const raw = videoStatement(verb, { result });
    raw.result = { ...raw.result, ...fields };
    const check = checkVideoStatement(raw);
    assert.ok(check.ok, JSON.stringify(check));
    return check.statement;
  };
  const full = { time: 60, progress: 1, 'played-segments': '0[.]60' };

  it('says completion only on a completed statement of a view the credited share completes', () => {
    const paused = checked('paused', full, { completion: true, duration: 'PT10H' });
    assert.deepEqual(Object.keys(toXapiStatement(paused, env([[0, 60]], true)).result!), ['extensions'], 'no completion, no duration on a pause');
    const completed = checked('completed', full, {});
    assert.equal(toXapiStatement(completed, env([[0, 60]], true)).result!.completion, true);
    assert.equal(toXapiStatement(completed, env([[0, 20]], false)).result!.completion, undefined);
    const initialized = checked('initialized', {}, { completion: true, duration: 'PT1H' });
    assert.equal(toXapiStatement(initialized, env([], false)).result, undefined, 'nothing left of the result');
  });

  it('keeps a completed statement’s duration up to the seconds credited of its segments', () => {
    const claim = (duration: string) => checked('completed', full, { duration });
    assert.equal(toXapiStatement(claim('P1DT10H'), env([[0, 60]], true)).result!.duration, 'PT60S');
    assert.equal(toXapiStatement(claim('PT10H'), env([[0, 12.5], [30, 40.255]], true)).result!.duration, 'PT22.75S');
    assert.equal(toXapiStatement(claim('PT59.5S'), env([[0, 60]], true)).result!.duration, 'PT59.5S', 'within it, as the page said');
    assert.equal(toXapiStatement(claim('PT1M'), env([[0, 60]], true)).result!.duration, 'PT1M');
  });

  it('reads and writes ISO 8601 durations', () => {
    assert.equal(durationToSeconds('PT1M5.25S'), 65.25);
    assert.equal(durationToSeconds('P1DT1H'), 90_000);
    assert.equal(durationToSeconds('P1Y'), 365 * 86_400);
    assert.equal(durationToSeconds('P2W'), 14 * 86_400);
    assert.equal(durationToSeconds('not one'), Infinity);
    assert.deepEqual([0.29, 12.345, 0, -1].map(secondsToDuration), ['PT0.29S', 'PT12.34S', 'PT0S', 'PT0S']);
  });
});
