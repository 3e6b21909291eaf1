import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipSegments, formatPlayedSegments, mergeSegments, parsePlayedSegments, PlayedSegmentsError, watchedShare } from '../../../../src/video/tracking/played-segments.js';

describe('played segments (xAPI video profile)', () => {
  it('parses the profile’s string, and formats it back', () => {
    assert.deepEqual(parsePlayedSegments('0[.]5.23[,]10[.]20'), [[0, 5.23], [10, 20]]);
    assert.deepEqual(parsePlayedSegments(''), []);
    assert.equal(formatPlayedSegments([[0, 5.23], [10, 20]]), '0[.]5.23[,]10[.]20');
    assert.equal(formatPlayedSegments([[1.23456, 2]]), '1.235[.]2');
  });

  it('refuses what is not in the format, or a segment that ends before it starts', () => {
    for (const bad of ['0-5', '0[.]5[,]', '[.]5', '0[.]5,10[.]20', '-1[.]5', '0[.]5[,]7', 'a[.]b', '0[.]1e3', ' 0[.]5']) {
      assert.throws(() => parsePlayedSegments(bad), PlayedSegmentsError, bad);
    }
    assert.throws(() => parsePlayedSegments('10[.]5'), /ends before it starts/);
    assert.throws(() => parsePlayedSegments(Array.from({ length: 2001 }, (_, i) => `${i}[.]${i + 1}`).join('[,]')), /more than 2000/);
  });

  it('merges overlapping, touching and contained segments, whatever their order, and drops empty ones', () => {
    assert.deepEqual(mergeSegments([[10, 20], [0, 5], [4, 8], [8, 9], [12, 15], [30, 30]]), [[0, 9], [10, 20]]);
    assert.deepEqual(mergeSegments([[0, 5]], [[5.005, 7]]), [[0, 7]], 'a gap of a few milliseconds is not a hole');
    assert.deepEqual(mergeSegments([[0, 5]], [[5.5, 7]]), [[0, 5], [5.5, 7]]);
    const once = mergeSegments([[0, 5], [3, 9]]);
    assert.deepEqual(mergeSegments(once, [[0, 5], [3, 9]]), once, 'merging the same segments again changes nothing');
  });

  it('computes the watched share from merged segments and the duration, capped to 1', () => {
    assert.equal(watchedShare([[0, 5], [2, 5], [10, 15]], 20), 0.5, 'watching a part twice counts once');
    assert.equal(watchedShare([[0, 25]], 20), 1, 'past the end counts up to the end');
    assert.equal(watchedShare([[0, 1]], 3), 0.3333);
    assert.equal(watchedShare([[0, 10]], null), 0);
    assert.equal(watchedShare([], 10), 0);
    assert.deepEqual(clipSegments([[-1, 2], [8, 12], [15, 16]], 10), [[0, 2], [8, 10]]);
  });
});
