/**
 * The page's statements against the server's video-profile rules (src/video/tracking): what the
 * tracker builds for a whole viewing session must be accepted, statement by statement.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkVideoStatement } from '../../../../src/video/tracking/video-profile.js';
import type { VideoStatement } from '../../../../tool/src/video/xapi/video-profile.js';
import { newStatementId } from '../../../../tool/src/video/xapi/video-statements.js';
import { VideoTracker } from '../../../../tool/src/video/xapi/video-tracker.js';

describe('tracker statements follow the server’s video profile rules', () => {
  it('accepts every statement of a session: initialized … completed … terminated', () => {
    const sent: VideoStatement[] = [];
    const t = new VideoTracker({
      activityId: 'http://tool.test/resources/r1',
      sessionId: randomUUID(),
      title: 'Moyennes',
      lang: 'fr',
      durationSeconds: 8,
      completionThreshold: 0.9,
      emit: (s) => sent.push(s),
    });
    t.initialize({
      ccSubtitleEnabled: true,
      ccSubtitleLang: 'fr-FR',
      fullScreen: false,
      screenSize: '1280x800',
      videoPlaybackSize: '640x360',
      speed: 1,
      volume: 0.8,
      quality: 'auto',
      userAgent: 'Mozilla/5.0',
    });
    t.play(0);
    for (let time = 0; time <= 3; time += 0.25) t.timeUpdate(time);
    t.pause(3);
    t.interact(3, { speed: 2 });
    t.interact(3, { volume: 0 });
    t.interact(3, { quality: '360p' });
    t.interact(3, { ccSubtitleEnabled: false });
    t.interact(3, { fullScreen: true });
    t.seek(3, 1.5);
    t.play(1.5);
    for (let time = 1.5; time <= 8; time += 0.25) t.timeUpdate(time);
    t.pause(8);
    t.terminate(8);
    const verbs = sent.map((s) => s.verb.display['en-US']);
    assert.deepEqual(verbs, ['initialized', 'played', 'paused', 'interacted', 'interacted', 'interacted', 'interacted', 'interacted', 'seeked', 'played', 'completed', 'paused', 'terminated']);
    for (const statement of sent) {
      const check = checkVideoStatement(JSON.parse(JSON.stringify(statement)));
      assert.ok(check.ok, `${statement.verb.display['en-US']}: ${check.ok ? '' : check.reason}`);
    }
  });

  it('makes v4 uuids', () => {
    assert.match(newStatementId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
