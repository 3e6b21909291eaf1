/** Played segments of the xAPI video profile (tool/src/video/xapi/played-segments.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SegmentRecorder,
  coveredSeconds,
  formatSegments,
  mergeSegments,
  parseSegments,
  watchedShare,
} from '../../../../tool/src/video/xapi/played-segments.js';

describe('played segments', () => {
  it('merges overlapping and touching segments, in order, and drops empty ones', () => {
    assert.deepEqual(mergeSegments([[10, 20], [0, 5.2345], [4, 6], [20, 22], [30, 30]]), [[0, 6], [10, 22]]);
  });

  it('writes the profile form with at most 3 decimals, and reads it back', () => {
    const text = formatSegments([[10, 20], [0, 5.23456]]);
    assert.equal(text, '0[.]5.235[,]10[.]20');
    assert.deepEqual(parseSegments(text), [[0, 5.235], [10, 20]]);
    assert.equal(formatSegments([]), '');
    assert.deepEqual(parseSegments('garbage[,]1[.]2'), [[1, 2]]);
  });

  it('computes the covered time and the watched share, capped at 1', () => {
    assert.equal(coveredSeconds([[0, 5], [3, 8], [10, 12]]), 10);
    assert.equal(watchedShare([[0, 5], [3, 8], [10, 12]], 20), 0.5);
    assert.equal(watchedShare([[0, 30]], 20), 1);
    assert.equal(watchedShare([[0, 3]], 0), 0);
  });
});

describe('segment recorder', () => {
  it('records play/pause spans, replays counted once in the share but twice in played time', () => {
    const r = new SegmentRecorder();
    r.start(0);
    for (const t of [0.25, 0.5, 1, 1.5, 2]) r.update(t);
    r.stop(2);
    r.start(1);
    r.update(2);
    r.update(3);
    r.stop(3);
    assert.deepEqual(r.segments(), [[0, 3]]);
    assert.equal(r.played(), 4);
  });

  it('splits the segment on a jump it did not see as a seek', () => {
    const r = new SegmentRecorder();
    r.start(0);
    r.update(1);
    r.update(2);
    r.update(30);
    r.update(31);
    assert.deepEqual(r.segments(), [[0, 2], [30, 31]]);
    assert.equal(r.playing, true);
  });

  it('a seek while paused records nothing', () => {
    const r = new SegmentRecorder();
    r.update(50);
    assert.deepEqual(r.segments(), []);
    assert.equal(r.played(), 0);
  });
});
