/** The share shown under the player while it plays: the server's credit plus what this page played. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { announcedStep, shownShare } from '../../../tool/src/video/progress/watched-share.js';
import { VideoTracker } from '../../../tool/src/video/xapi/video-tracker.js';

const credited = (watchedShare: number, playedSegments: [number, number][]) => ({ positionSeconds: 0, watchedShare, completed: false, playedSegments });

describe('watched share shown while playing', () => {
  it('grows with the segments played since the last acknowledgement, each second counted once', () => {
    assert.equal(shownShare(null, [], 100), 0);
    assert.equal(shownShare(null, [[0, 12]], 100), 0.12, 'a first visit: what plays now');
    assert.equal(shownShare(credited(0.2, [[0, 20]]), [[10, 30]], 100), 0.3, 'the overlap with what was credited counts once');
    assert.equal(shownShare(credited(0.2, [[0, 20]]), [[50, 60]], 100), 0.3, 'a new part adds to the earlier visits');
  });

  it('never shows less than the server credited', () => {
    // A server that credited more than its segments say (a longer media replaced by a shorter one, rounding): its figure stands.
    assert.equal(shownShare(credited(0.5, [[0, 20]]), [], 100), 0.5);
  });

  it('tells screen readers at each quarter only', () => {
    assert.deepEqual([0, 0.1, 0.249, 0.25, 0.5, 0.74, 0.75, 0.99, 1].map(announcedStep), [0, 0, 0, 0.25, 0.5, 0.5, 0.75, 0.75, 1]);
  });

  it('reads the tracker’s segments while it plays, before any pause', () => {
    const tracker = new VideoTracker({ activityId: 'a', sessionId: 's', title: 'T', lang: 'fr', durationSeconds: 100, completionThreshold: 0.9, emit: () => undefined });
    tracker.initialize({ ccSubtitleEnabled: false, ccSubtitleLang: null, quality: 'auto', fullScreen: false, screenSize: '1x1', videoPlaybackSize: '1x1', speed: 1, volume: 1, userAgent: 'test' });
    tracker.play(0);
    for (let time = 0.25; time <= 10; time += 0.25) tracker.timeUpdate(time);
    assert.deepEqual(tracker.playedSegments(), [[0, 10]]);
    assert.equal(shownShare(null, tracker.playedSegments(), 100), 0.1);
  });
});
