/** The player's pure helpers: times, keys, resume, chapters, storyboard (tool/src/video/player). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionForKey, playbackSpeeds, sliderSeek } from '../../../../tool/src/video/player/player-keys.js';
import { cueAt, parseStoryboard, parseVttTime } from '../../../../tool/src/video/player/storyboard.js';
import { chapterIndexAt, formatClock, resumePosition, spokenTime } from '../../../../tool/src/video/player/time-format.js';

describe('time format', () => {
  it('shows a clock and speaks minutes and seconds', () => {
    assert.equal(formatClock(65.7), '1:05');
    assert.equal(formatClock(3725), '1:02:05');
    assert.equal(formatClock(Number.NaN), '0:00');
    assert.equal(spokenTime(65), '1 min 05 s');
    assert.equal(spokenTime(200), '3 min 20 s');
    assert.equal(spokenTime(42), '42 s');
    assert.equal(spokenTime(3725), '1 h 02 min 05 s');
  });

  it('resumes only away from both ends', () => {
    assert.equal(resumePosition(192, 600), 192);
    assert.equal(resumePosition(3, 600), null);
    assert.equal(resumePosition(597, 600), null);
    assert.equal(resumePosition(undefined, 600), null);
  });

  it('finds the current chapter', () => {
    const chapters = [{ startSeconds: 0 }, { startSeconds: 10 }, { startSeconds: 30 }];
    assert.equal(chapterIndexAt(chapters, 9.9), 0);
    assert.equal(chapterIndexAt(chapters, 10), 1);
    assert.equal(chapterIndexAt(chapters, 100), 2);
    assert.equal(chapterIndexAt([{ startSeconds: 5 }], 2), -1);
  });
});

describe('keyboard', () => {
  const key = (k: string, target: 'button' | 'slider' | 'menu' | 'field' | 'other' = 'other') => actionForKey({ key: k, target }, 100);

  it('maps the usual shortcuts', () => {
    assert.deepEqual(key(' '), { type: 'toggle-play' });
    assert.deepEqual(key('K'), { type: 'toggle-play' });
    assert.deepEqual(key('ArrowRight'), { type: 'seek-by', seconds: 5 });
    assert.deepEqual(key('j'), { type: 'seek-by', seconds: -10 });
    assert.deepEqual(key('ArrowDown'), { type: 'volume-by', delta: -0.1 });
    assert.deepEqual(key('m'), { type: 'toggle-mute' });
    assert.deepEqual(key('f'), { type: 'toggle-fullscreen' });
    assert.deepEqual(key('c'), { type: 'toggle-captions' });
    assert.deepEqual(key('End'), { type: 'seek-to', seconds: 100 });
    assert.deepEqual(key('7'), { type: 'seek-to-fraction', fraction: 0.7 });
    assert.equal(key('x'), null);
  });

  it('leaves buttons, sliders, menus and fields their own keys', () => {
    assert.equal(key(' ', 'button'), null);
    assert.equal(key('ArrowLeft', 'slider'), null);
    assert.deepEqual(key('k', 'slider'), { type: 'toggle-play' });
    assert.equal(key('k', 'menu'), null);
    assert.equal(actionForKey({ key: 'f', ctrlKey: true, target: 'other' }, 10), null);
  });

  it('moves the seek slider within the media', () => {
    assert.equal(sliderSeek('ArrowRight', 98, 100), 100);
    assert.equal(sliderSeek('ArrowLeft', 3, 100), 0);
    assert.equal(sliderSeek('PageUp', 10, 100), 20);
    assert.equal(sliderSeek('End', 10, 100), 100);
    assert.equal(sliderSeek('a', 10, 100), null);
  });
});

describe('speeds', () => {
  it('offers none faster than the server credits', () => {
    assert.deepEqual(playbackSpeeds(2), [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]);
    assert.deepEqual(playbackSpeeds(1.6), [0.5, 0.75, 1, 1.25, 1.5]);
    assert.deepEqual(playbackSpeeds(1), [0.5, 0.75, 1]);
    assert.deepEqual(playbackSpeeds(4).at(-1), 4);
  });
});

describe('storyboard', () => {
  const vtt = `WEBVTT

00:00:00.000 --> 00:00:02.000
storyboard.jpg#xywh=0,0,160,90

00:02.000 --> 00:04.000
storyboard.jpg#xywh=160,0,160,90
`;
  it('parses cues and resolves the sprite against the VTT URL', () => {
    const cues = parseStoryboard(vtt, 'http://tool.test/media/tok/storyboard.vtt');
    assert.equal(cues.length, 2);
    assert.deepEqual(cues[1], { start: 2, end: 4, image: 'http://tool.test/media/tok/storyboard.jpg', x: 160, y: 0, width: 160, height: 90 });
    assert.equal(cueAt(cues, 2.5)?.x, 160);
    assert.equal(cueAt(cues, 9)?.x, 160);
    assert.equal(parseVttTime('01:02:03.5'), 3723.5);
  });
});
