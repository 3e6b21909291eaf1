/** The xAPI video profile statements built from player events (tool/src/video/xapi). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTENSIONS, VERBS, isoDuration, type PlayerState, type VideoStatement } from '../../../../tool/src/video/xapi/video-profile.js';
import { VideoTracker } from '../../../../tool/src/video/xapi/video-tracker.js';

const STATE: PlayerState = {
  ccSubtitleEnabled: false,
  ccSubtitleLang: null,
  fullScreen: false,
  screenSize: '1280x800',
  videoPlaybackSize: '640x360',
  speed: 1,
  volume: 1,
  quality: 'auto',
  userAgent: 'test',
};

function tracker(durationSeconds = 20, completionThreshold = 0.9) {
  const sent: VideoStatement[] = [];
  let n = 0;
  const t = new VideoTracker({
    activityId: 'http://tool.test/resources/r1',
    sessionId: 'session-1',
    title: 'Averages',
    lang: 'fr',
    durationSeconds,
    completionThreshold,
    newId: () => `id-${++n}`,
    now: () => new Date('2026-01-01T10:00:00Z'),
    emit: (s) => sent.push(s),
  });
  return { t, sent, verbs: () => sent.map((s) => s.verb.display['en-US']) };
}

/** Plays from `from` to `to` with timeupdates every 0.25 s. */
function playThrough(t: VideoTracker, from: number, to: number) {
  t.play(from);
  for (let time = from; time <= to; time += 0.25) t.timeUpdate(time);
}

const ext = (s: VideoStatement | undefined, key: keyof typeof EXTENSIONS) => s?.result?.extensions?.[EXTENSIONS[key]];

describe('video tracker', () => {
  it('initialized carries the session, length, threshold and the player state, numbers as numbers', () => {
    const { t, sent } = tracker();
    t.initialize({ ...STATE, ccSubtitleEnabled: true, ccSubtitleLang: 'fr', speed: 1.5, volume: 0.5 });
    const [init] = sent;
    assert.equal(init?.verb.id, VERBS.initialized);
    assert.equal(init?.id, 'id-1');
    assert.equal(init?.timestamp, '2026-01-01T10:00:00.000Z');
    assert.deepEqual(init?.object, {
      objectType: 'Activity',
      id: 'http://tool.test/resources/r1',
      definition: { type: 'https://w3id.org/xapi/video/activity-type/video', name: { fr: 'Averages' } },
    });
    assert.deepEqual(init?.context.contextActivities.category, [
      { id: 'https://w3id.org/xapi/video', definition: { type: 'http://adlnet.gov/expapi/activities/profile' } },
    ]);
    const c = init!.context.extensions;
    assert.equal(c[EXTENSIONS.sessionId], 'session-1');
    assert.equal(c[EXTENSIONS.length], 20);
    assert.equal(c[EXTENSIONS.completionThreshold], 0.9);
    assert.equal(c[EXTENSIONS.ccSubtitleEnabled], true);
    assert.equal(c[EXTENSIONS.ccSubtitleLang], 'fr');
    assert.equal(c[EXTENSIONS.fullScreen], false);
    assert.equal(c[EXTENSIONS.screenSize], '1280x800');
    assert.equal(c[EXTENSIONS.videoPlaybackSize], '640x360');
    assert.equal(c[EXTENSIONS.speed], '1.5x');
    assert.equal(c[EXTENSIONS.volume], 0.5);
    assert.equal(c[EXTENSIONS.quality], 'auto');
    assert.equal(c[EXTENSIONS.userAgent], 'test');
    assert.equal('actor' in init!, false, 'the server sets the actor');
  });

  it('leaves out the captions language when captions are off', () => {
    const { t, sent } = tracker();
    t.initialize({ ...STATE, ccSubtitleLang: 'fr' });
    assert.equal(EXTENSIONS.ccSubtitleLang in sent[0]!.context.extensions, false);
  });

  it('sends nothing before initialized', () => {
    const { t, sent } = tracker();
    t.play(0);
    t.pause(1);
    t.terminate();
    assert.deepEqual(sent, []);
  });

  it('played has time; paused has time, progress and played segments', () => {
    const { t, sent, verbs } = tracker();
    t.initialize(STATE);
    playThrough(t, 0, 4);
    t.pause(4);
    assert.deepEqual(verbs(), ['initialized', 'played', 'paused']);
    assert.equal(ext(sent[1], 'time'), 0);
    assert.equal(ext(sent[2], 'time'), 4);
    assert.equal(ext(sent[2], 'progress'), 0.2);
    assert.equal(ext(sent[2], 'playedSegments'), '0[.]4');
    assert.ok(sent.every((s) => s.context.extensions[EXTENSIONS.sessionId] === 'session-1'));
  });

  it('seeked has time-from and time-to, and splits the played segments', () => {
    const { t, sent, verbs } = tracker();
    t.initialize(STATE);
    playThrough(t, 0, 2);
    t.seek(2, 10);
    playThrough(t, 10, 12);
    t.pause(12);
    assert.deepEqual(verbs(), ['initialized', 'played', 'seeked', 'paused']);
    assert.equal(ext(sent[2], 'timeFrom'), 2);
    assert.equal(ext(sent[2], 'timeTo'), 10);
    assert.equal(ext(sent[3], 'playedSegments'), '0[.]2[,]10[.]12');
    assert.equal(ext(sent[3], 'progress'), 0.2);
  });

  it('interacted carries the whole player state with the change, and the time', () => {
    const { t, sent } = tracker();
    t.initialize(STATE);
    t.interact(3.5, { speed: 2 });
    t.interact(3.5, {});
    t.interact(4, { volume: 0 });
    assert.equal(sent.length, 3, 'no statement when nothing changed');
    assert.equal(sent[1]?.verb.id, VERBS.interacted);
    assert.equal(sent[1]?.context.extensions[EXTENSIONS.speed], '2x');
    // The profile's interacted templates want state groups together (full-screen with the sizes…).
    assert.equal(sent[1]?.context.extensions[EXTENSIONS.volume], sent[0]?.context.extensions[EXTENSIONS.volume]);
    assert.equal(sent[1]?.context.extensions[EXTENSIONS.fullScreen], sent[0]?.context.extensions[EXTENSIONS.fullScreen]);
    assert.equal(sent[2]?.context.extensions[EXTENSIONS.speed], '2x', 'an earlier change is kept');
    assert.equal(sent[2]?.context.extensions[EXTENSIONS.volume], 0);
    assert.equal(ext(sent[1], 'time'), 3.5);
  });

  it('completes once, when the played share reaches the threshold, never by seeking', () => {
    const { t, sent, verbs } = tracker(20, 0.5);
    t.initialize(STATE);
    t.seek(0, 19);
    t.play(19);
    t.timeUpdate(20);
    t.pause(20);
    assert.equal(verbs().includes('completed'), false, 'seeking to the end is not watching');
    t.seek(20, 0);
    playThrough(t, 0, 8.75);
    assert.equal(verbs().includes('completed'), false);
    playThrough(t, 8.75, 12);
    t.pause(12);
    t.seek(12, 0);
    playThrough(t, 0, 12);
    t.terminate(12);
    const completed = sent.filter((s) => s.verb.id === VERBS.completed);
    assert.equal(completed.length, 1);
    assert.equal(completed[0]?.result?.completion, true);
    assert.match(completed[0]?.result?.duration ?? '', /^PT\d+(\.\d+)?S$/);
    assert.equal(typeof ext(completed[0], 'progress'), 'number');
    assert.ok((ext(completed[0], 'progress') as number) >= 0.5);
    assert.equal(typeof ext(completed[0], 'time'), 'number');
    assert.equal(verbs().at(-1), 'terminated');
  });

  it('terminated closes the session: progress and segments, then nothing more', () => {
    const { t, sent, verbs } = tracker();
    t.initialize(STATE);
    playThrough(t, 0, 3);
    t.terminate(3);
    t.terminate(3);
    t.play(3);
    assert.deepEqual(verbs(), ['initialized', 'played', 'terminated']);
    assert.equal(ext(sent[2], 'playedSegments'), '0[.]3');
    assert.equal(ext(sent[2], 'progress'), 0.15);
    assert.equal(ext(sent[2], 'time'), 3);
  });

  it('writes ISO 8601 durations', () => {
    assert.equal(isoDuration(65.25), 'PT1M5.25S');
    assert.equal(isoDuration(0), 'PT0S');
    assert.equal(isoDuration(3600), 'PT1H');
  });
});
