import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAnalyticsBody } from '../../../../src/classroom/callbacks/analytics-payload.js';
import type { AppError } from '../../../../src/http/errors.js';

/** The body as post_events_analytics_callback.rb sends it (bbbevents' data, snake_case keys). */
const body = (attendees: unknown[]) => ({
  version: '1.0',
  meeting_id: 'amphi-r1',
  internal_meeting_id: 'c62c9c205d37815befe1b75ae6ef5878d8da5bb6-1673282694493',
  data: {
    metadata: { meeting_name: 'TD', analytics_callback_url: 'https://x' },
    duration: 3600,
    start: '2026-11-20T09:00:00.000+00:00',
    finish: '2026-11-20T10:00:00.000+00:00',
    attendees,
    files: [],
    polls: [],
  },
});
const ada = {
  ext_user_id: 'learner-1',
  name: 'Ada',
  moderator: false,
  joins: ['2026-11-20T09:05:00.000+00:00'],
  leaves: ['2026-11-20T09:35:00.000+00:00'],
  duration: 1800.4,
  recent_talking_time: '',
  engagement: { chats: 2, talks: 1, raisehand: 1, emojis: 0, poll_votes: 3, talk_time: 12.6 },
};

describe('BBB learning-analytics body', () => {
  it('reads the real shape: times, rounded seconds and engagement', () => {
    const report = parseAnalyticsBody(body([ada]));
    assert.equal(report.meetingId, 'amphi-r1');
    assert.equal(report.finish?.toISOString(), '2026-11-20T10:00:00.000Z');
    assert.deepEqual(report.attendees, [
      {
        extUserId: 'learner-1',
        name: 'Ada',
        moderator: false,
        joins: [new Date('2026-11-20T09:05:00Z')],
        leaves: [new Date('2026-11-20T09:35:00Z')],
        durationSeconds: 1800,
        talkTimeSeconds: 13,
        chats: 2,
        talks: 1,
        raisedHands: 1,
        emojis: 0,
        pollVotes: 3,
      },
    ]);
  });

  it('merges one person listed twice, keeps guests apart, and takes epoch numbers', () => {
    const again = { ...ada, joins: [1_763_630_400_000], leaves: [1_763_630_460], duration: 60, engagement: { chats: 1 } };
    const guest = { ...ada, ext_user_id: null, name: 'Guest' };
    const report = parseAnalyticsBody(body([ada, guest, again]));
    assert.equal(report.attendees.length, 2);
    const [merged, anonymous] = report.attendees;
    assert.deepEqual([merged!.joins.length, merged!.durationSeconds, merged!.chats], [2, 1860, 3]);
    assert.equal(merged!.leaves[0]!.getTime(), 1_763_630_460_000, 'seconds read as seconds');
    assert.equal(anonymous!.extUserId, null);
  });

  it('refuses what is not the report, saying where', () => {
    const cases: [unknown, RegExp][] = [
      [null, /body/],
      [{ meeting_id: 'm' }, /internal_meeting_id/],
      [body('everyone' as unknown as unknown[]), /data\.attendees/],
      [body([{ ...ada, joins: ['soon'] }]), /data\.attendees\.0\.joins: not a date/],
      [body([{ ...ada, duration: -5 }]), /duration/],
    ];
    for (const [input, detail] of cases) {
      assert.throws(
        () => parseAnalyticsBody(input),
        (err: AppError) => err.code === 'callback-body-invalid' && err.status === 400 && detail.test(String(err.params.details)),
        JSON.stringify(input),
      );
    }
  });
});
