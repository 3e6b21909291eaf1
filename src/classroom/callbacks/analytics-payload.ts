import { z } from 'zod';
import { BadRequestError } from '../../http/errors.js';

/**
 * The learning-analytics callback's body, as BigBlueButton's post_events_analytics_callback.rb
 * sends it: `{version, meeting_id, internal_meeting_id, data}` where `data` is the bbbevents gem's
 * parse of the meeting's events.xml with snake_case keys: `attendees[]` of
 * `{ext_user_id, name, moderator, joins[], leaves[], duration, engagement{chats, talks, raisehand,
 * emojis, poll_votes, talk_time}}` (times as ISO 8601 strings, durations in seconds, possibly
 * fractional). Unknown keys are kept out of the way, not refused: each BBB release adds some.
 */

const Instant = z.union([z.string().min(1), z.number().finite()]);
const Count = z.number().finite().min(0).nullish();

const Engagement = z.looseObject({
  chats: Count,
  talks: Count,
  raisehand: Count,
  emojis: Count,
  poll_votes: Count,
  talk_time: Count,
});

const Attendee = z.looseObject({
  ext_user_id: z.union([z.string(), z.number()]).nullish(),
  name: z.string().nullish(),
  moderator: z.boolean().nullish(),
  joins: z.array(Instant).max(10_000).default([]),
  leaves: z.array(Instant).max(10_000).default([]),
  duration: z.number().finite().min(0).nullish(),
  engagement: Engagement.nullish(),
});

export const AnalyticsBody = z.looseObject({
  version: z.string().optional(),
  meeting_id: z.string().min(1),
  internal_meeting_id: z.string().min(1),
  data: z.looseObject({
    start: Instant.nullish(),
    finish: Instant.nullish(),
    duration: z.number().finite().nullish(),
    attendees: z.array(Attendee).max(50_000),
  }),
});

export interface ReportedAttendee {
  /** BBB's userID at join: the LTI `sub` for people Amphi sent; anything for guests. */
  extUserId: string | null;
  name: string;
  moderator: boolean;
  joins: Date[];
  leaves: Date[];
  durationSeconds: number;
  talkTimeSeconds: number;
  chats: number;
  talks: number;
  raisedHands: number;
  emojis: number;
  pollVotes: number;
}

export interface AnalyticsReport {
  meetingId: string;
  internalMeetingId: string;
  start: Date | null;
  finish: Date | null;
  attendees: ReportedAttendee[];
}

/** The body checked and normalised; a 400 naming what is wrong otherwise. */
export function parseAnalyticsBody(body: unknown): AnalyticsReport {
  const parsed = AnalyticsBody.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new BadRequestError('callback-body-invalid', 400, { details });
  }
  const { data } = parsed.data;
  const byUser = new Map<string, ReportedAttendee>();
  const anonymous: ReportedAttendee[] = [];
  data.attendees.forEach((a, index) => {
    const at = (value: string | number, field: string) => instant(value, `data.attendees.${index}.${field}`);
    const e = a.engagement ?? {};
    const attendee: ReportedAttendee = {
      extUserId: a.ext_user_id === null || a.ext_user_id === undefined || a.ext_user_id === '' ? null : String(a.ext_user_id),
      name: a.name?.trim() || '',
      moderator: a.moderator ?? false,
      joins: a.joins.map((j) => at(j, 'joins')),
      leaves: a.leaves.map((l) => at(l, 'leaves')),
      durationSeconds: whole(a.duration),
      talkTimeSeconds: whole(e.talk_time),
      chats: whole(e.chats),
      talks: whole(e.talks),
      raisedHands: whole(e.raisehand),
      emojis: whole(e.emojis),
      pollVotes: whole(e.poll_votes),
    };
    if (attendee.extUserId === null) return anonymous.push(attendee);
    const seen = byUser.get(attendee.extUserId);
    byUser.set(attendee.extUserId, seen ? merge(seen, attendee) : attendee);
  });
  return {
    meetingId: parsed.data.meeting_id,
    internalMeetingId: parsed.data.internal_meeting_id,
    start: data.start === null || data.start === undefined ? null : instant(data.start, 'data.start'),
    finish: data.finish === null || data.finish === undefined ? null : instant(data.finish, 'data.finish'),
    attendees: [...byUser.values(), ...anonymous],
  };
}

/** ISO 8601 text, or a number of milliseconds (seconds when too small to be milliseconds) since the epoch. */
function instant(value: string | number, path: string): Date {
  const ms = typeof value === 'number' ? (Math.abs(value) < 1e11 ? value * 1000 : value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new BadRequestError('callback-body-invalid', 400, { details: `${path}: not a date (${String(value).slice(0, 40)})` });
  return new Date(ms);
}

function whole(n: number | null | undefined): number {
  return n === null || n === undefined ? 0 : Math.round(n);
}

/** The same person listed twice (two devices, a reconnect under another internal id): one attendee. */
function merge(a: ReportedAttendee, b: ReportedAttendee): ReportedAttendee {
  const byTime = (x: Date, y: Date) => x.getTime() - y.getTime();
  return {
    extUserId: a.extUserId,
    name: a.name || b.name,
    moderator: a.moderator || b.moderator,
    joins: [...a.joins, ...b.joins].sort(byTime),
    leaves: [...a.leaves, ...b.leaves].sort(byTime),
    durationSeconds: a.durationSeconds + b.durationSeconds,
    talkTimeSeconds: a.talkTimeSeconds + b.talkTimeSeconds,
    chats: a.chats + b.chats,
    talks: a.talks + b.talks,
    raisedHands: a.raisedHands + b.raisedHands,
    emojis: a.emojis + b.emojis,
    pollVotes: a.pollVotes + b.pollVotes,
  };
}
