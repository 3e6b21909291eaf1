import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { FakeMeeting, FakeRecording, FakeState } from './fake-bbb-state.js';

/**
 * The three callbacks a BigBlueButton server makes, as its code makes them:
 * - meeting ended: bbb-web (MeetingService, URIBuilder.addParameter) GETs meta_endCallbackUrl with
 *   `recordingmarks=true|false` and `meetingID=<external id>` appended (no signature of its own;
 *   recordingmarks is true when record=true and recording was started: autoStartRecording here);
 * - recording ready: record-and-playback post_publish_recording_ready_callback.rb POSTs the form
 *   field `signed_parameters` = JWT.encode({meeting_id, record_id}, secret) (ruby-jwt: HS256, no exp)
 *   to meta_bbb-recording-ready-url (Moodle's legacy name: meta_bn-recording-ready-url);
 * - learning analytics: post_events_analytics_callback.rb POSTs JSON with
 *   `Authorization: Bearer <JWT HS512 {exp: now + 24 h}>` to meta_analytics-callback-url, the
 *   body {version: "1.0", meeting_id, internal_meeting_id, data} where data is the bbbevents gem's
 *   Recording#to_json with snake_case keys (attendee ids removed).
 */

export function appendQuery(url: string, extra: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${extra}`;
}

export async function fireEndCallback(m: FakeMeeting): Promise<Response | undefined> {
  const url = m.metadata['endcallbackurl'];
  if (!url) return undefined;
  const recordingmarks = m.params.record === 'true' && m.params.autoStartRecording === 'true';
  const target = appendQuery(url, `recordingmarks=${recordingmarks}&meetingID=${encodeURIComponent(m.meetingID)}`);
  return fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
}

export interface RecordingReadyOptions {
  which?: 'bbb' | 'bn';
  method?: 'GET' | 'POST';
  secret?: string;
  payload?: object;
}

export async function fireRecordingReady(state: FakeState, r: FakeRecording, opts: RecordingReadyOptions = {}): Promise<Response> {
  const key = opts.which === 'bn' ? 'bn-recording-ready-url' : 'bbb-recording-ready-url';
  const url = r.metadata[key];
  if (!url) throw new Error(`fake BBB: recording ${r.recordID} has no meta_${key}`);
  const payload = opts.payload ?? { meeting_id: r.meetingID, record_id: r.recordID };
  const jwt = await new SignJWT({ ...payload })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(opts.secret ?? state.secret));
  const form = new URLSearchParams({ signed_parameters: jwt }).toString();
  if (opts.method === 'GET') return fetch(appendQuery(url, form), { redirect: 'manual' });
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
}

/** One attendee of the analytics body: bbbevents' Attendee#to_h without `id`. */
export interface FakeAnalyticsAttendee {
  ext_user_id: string;
  name: string;
  moderator: boolean;
  /** Times as ActiveSupport writes them: "2026-11-29T10:00:00.000+00:00". */
  joins: string[];
  leaves: string[];
  /** Seconds (a float in Ruby). */
  duration: number;
  recent_talking_time: string;
  engagement: { chats: number; talks: number; raisehand: number; emojis: number; poll_votes: number; talk_time: number };
}

export interface AnalyticsOptions {
  secret?: string;
  expiresInSeconds?: number;
  /** Sent as is instead of a signed token (forged, replayed…). */
  token?: string;
  /** Sent as is instead of the body the fake builds. */
  body?: unknown;
}

export function rubyTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('Z', '+00:00');
}

/** Realistic engagement from the meeting's joins: stable per user (derived from the userID), so tests can rely on it. */
export function defaultAnalyticsAttendees(m: FakeMeeting): FakeAnalyticsAttendee[] {
  const finish = m.endTime || Date.now();
  const byUser = new Map<string, FakeAnalyticsAttendee>();
  for (const s of m.sessions) {
    const a =
      byUser.get(s.userID) ??
      (() => {
        const h = createHash('sha1').update(s.userID).digest()[0]!;
        const talks = h % 4;
        const attendee: FakeAnalyticsAttendee = {
          ext_user_id: s.userID,
          name: s.fullName,
          moderator: s.role === 'MODERATOR',
          joins: [],
          leaves: [],
          duration: 0,
          recent_talking_time: talks > 0 ? rubyTime(finish - 60_000) : '',
          engagement: { chats: h % 5, talks, raisehand: h % 2, emojis: h % 3, poll_votes: h % 2, talk_time: talks * 17 },
        };
        byUser.set(s.userID, attendee);
        return attendee;
      })();
    const left = s.leftAt ?? finish;
    a.joins.push(rubyTime(s.joinedAt));
    a.leaves.push(rubyTime(left));
    a.duration += Math.floor(left / 1000) - Math.floor(s.joinedAt / 1000);
  }
  return [...byUser.values()];
}

export function analyticsBody(m: FakeMeeting, attendees: FakeAnalyticsAttendee[]): object {
  const finish = m.endTime || Date.now();
  const start = m.startTime || m.createTime;
  const metadata: Record<string, string> = { meeting_name: m.name, is_breakout: 'false' };
  for (const [k, v] of Object.entries(m.metadata)) if (!k.startsWith('gl-')) metadata[k.replace(/-/g, '_')] = v;
  return {
    version: '1.0',
    meeting_id: m.meetingID,
    internal_meeting_id: m.internalMeetingID,
    data: {
      metadata,
      duration: Math.floor(finish / 1000) - Math.floor(start / 1000),
      start: rubyTime(start),
      finish: rubyTime(finish),
      attendees,
      files: m.presentations.map((p) => p.filename),
      polls: [],
    },
  };
}

export async function fireAnalytics(
  state: FakeState,
  m: FakeMeeting,
  attendees: FakeAnalyticsAttendee[] | undefined,
  opts: AnalyticsOptions = {},
): Promise<Response> {
  const url = m.metadata['analytics-callback-url'];
  if (!url) throw new Error(`fake BBB: meeting ${m.meetingID} has no meta_analytics-callback-url`);
  const token =
    opts.token ??
    (await new SignJWT({ exp: Math.floor(Date.now() / 1000) + (opts.expiresInSeconds ?? 24 * 3600) })
      .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
      .sign(new TextEncoder().encode(opts.secret ?? state.secret)));
  const body = opts.body ?? analyticsBody(m, attendees ?? defaultAnalyticsAttendees(m));
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'user-agent': 'BigBlueButton Analytics Callback' },
    body: JSON.stringify(body),
  });
}
