import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { call, startReceiver } from './fake-bbb-client.js';

let fake: FakeBbb;
let amphi: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  fake = await startFakeBbb({ secret: 'shared-secret-for-callbacks' });
  amphi = await startReceiver(202);
});
after(async () => {
  await fake.close();
  await amphi.close();
});

const key = () => new TextEncoder().encode(fake.secret);

async function createWithCallbacks(meetingID: string, extra = ''): Promise<void> {
  const enc = (u: string) => encodeURIComponent(`${amphi.origin}${u}`);
  await call(
    fake,
    'create',
    `name=Callbacks&meetingID=${meetingID}&record=true&autoStartRecording=true` +
      `&meta_endCallbackUrl=${enc('/end?token=t1')}&meta_bbb-recording-ready-url=${enc('/ready?token=t2')}` +
      `&meta_bn-recording-ready-url=${enc('/legacy-ready')}&meta_analytics-callback-url=${enc('/analytics?token=t3')}${extra}`,
  );
}

describe('fake BBB callbacks', () => {
  it('endMeeting GETs meta_endCallbackUrl with meetingID and recordingmarks appended', async () => {
    await createWithCallbacks('cb-end');
    const res = await fake.endMeeting('cb-end');
    assert.equal(res?.status, 202);
    const got = amphi.received.at(-1)!;
    assert.equal(got.method, 'GET');
    assert.equal(got.url.pathname, '/end');
    assert.deepEqual([...got.url.searchParams], [['token', 't1'], ['recordingmarks', 'true'], ['meetingID', 'cb-end']]);
    assert.equal(fake.meeting('cb-end')!.ended, true);
  });

  it('the end API call fires the same callback in the background', async () => {
    await createWithCallbacks('cb-end-api');
    const before = amphi.received.length;
    await call(fake, 'end', 'meetingID=cb-end-api');
    await fake.settled();
    assert.equal(amphi.received.length, before + 1);
    assert.equal(amphi.received.at(-1)!.url.searchParams.get('meetingID'), 'cb-end-api');
  });

  it('endMeeting resolves undefined when the meeting has no end callback', async () => {
    await call(fake, 'create', 'name=Plain&meetingID=cb-none');
    assert.equal(await fake.endMeeting('cb-none'), undefined);
  });

  it('fires recording ready as a POST form with an HS256 signed_parameters JWT {meeting_id, record_id}', async () => {
    await createWithCallbacks('cb-rec');
    const recordID = fake.addRecording({ meetingID: 'cb-rec' });
    const res = await fake.fireRecordingReady(recordID);
    assert.equal(res.status, 202);
    const got = amphi.received.at(-1)!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url.pathname, '/ready');
    assert.equal(got.headers['content-type'], 'application/x-www-form-urlencoded');
    const jwt = new URLSearchParams(got.body).get('signed_parameters')!;
    assert.equal(decodeProtectedHeader(jwt).alg, 'HS256');
    const { payload } = await jwtVerify(jwt, key(), { algorithms: ['HS256'] });
    assert.deepEqual(payload, { meeting_id: 'cb-rec', record_id: recordID });
  });

  it('fires recording ready by GET to the legacy bn URL, and can sign with another secret or payload', async () => {
    await createWithCallbacks('cb-rec-bn');
    const recordID = fake.addRecording({ meetingID: 'cb-rec-bn' });
    await fake.fireRecordingReady(recordID, { which: 'bn', method: 'GET' });
    const got = amphi.received.at(-1)!;
    assert.equal(got.method, 'GET');
    assert.equal(got.url.pathname, '/legacy-ready');
    const { payload } = await jwtVerify(got.url.searchParams.get('signed_parameters')!, key());
    assert.equal(payload.record_id, recordID);

    await fake.fireRecordingReady(recordID, { secret: 'forged', payload: { meeting_id: 'other', record_id: 'x' } });
    const forged = new URLSearchParams(amphi.received.at(-1)!.body).get('signed_parameters')!;
    await assert.rejects(jwtVerify(forged, key()), errors.JWSSignatureVerificationFailed);
  });

  it('fires analytics with a Bearer HS512 JWT expiring in 24 h and the post_events body', async () => {
    await createWithCallbacks('cb-analytics');
    fake.join('cb-analytics', { userID: 'teacher-1', fullName: 'Prof Curie', role: 'MODERATOR' });
    fake.join('cb-analytics', { userID: 'learner-1', fullName: 'Ada', role: 'VIEWER' });
    fake.leave('cb-analytics', 'learner-1');
    fake.join('cb-analytics', { userID: 'learner-1', fullName: 'Ada', role: 'VIEWER' });
    await fake.endMeeting('cb-analytics');
    const res = await fake.fireAnalytics('cb-analytics');
    assert.equal(res.status, 202);
    const got = amphi.received.at(-1)!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url.search, '?token=t3');
    assert.equal(got.headers['content-type'], 'application/json');
    const token = got.headers.authorization!.replace(/^Bearer /, '');
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS512', typ: 'JWT' });
    const { payload } = await jwtVerify(token, key(), { algorithms: ['HS512'] });
    const inHours = (payload.exp! - Date.now() / 1000) / 3600;
    assert.ok(inHours > 23.9 && inHours <= 24, String(inHours));

    const body = JSON.parse(got.body) as {
      version: string;
      meeting_id: string;
      internal_meeting_id: string;
      data: { metadata: Record<string, string>; attendees: Record<string, unknown>[]; start: string; finish: string; duration: number };
    };
    assert.equal(body.version, '1.0');
    assert.equal(body.meeting_id, 'cb-analytics');
    assert.equal(body.internal_meeting_id, fake.meeting('cb-analytics')!.internalMeetingID);
    assert.equal(body.data.metadata.analytics_callback_url, `${amphi.origin}/analytics?token=t3`);
    assert.match(body.data.start, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+00:00$/);
    const learner = body.data.attendees.find((a) => a.ext_user_id === 'learner-1')!;
    assert.deepEqual(Object.keys(learner).sort(), ['duration', 'engagement', 'ext_user_id', 'joins', 'leaves', 'moderator', 'name', 'recent_talking_time']);
    assert.equal(learner.name, 'Ada');
    assert.equal(learner.moderator, false);
    assert.equal((learner.joins as string[]).length, 2);
    assert.equal((learner.leaves as string[]).length, 2);
    assert.deepEqual(Object.keys(learner.engagement as object).sort(), ['chats', 'emojis', 'poll_votes', 'raisehand', 'talk_time', 'talks']);
    assert.equal(body.data.attendees.find((a) => a.ext_user_id === 'teacher-1')!.moderator, true);
  });

  it('sends given attendees, an expired token, a token as given, or a body as given', async () => {
    await createWithCallbacks('cb-analytics-2');
    const attendee = {
      ext_user_id: 'u9',
      name: 'Nine',
      moderator: false,
      joins: ['2026-01-01T10:00:00.000+00:00'],
      leaves: ['2026-01-01T10:30:00.000+00:00'],
      duration: 1800,
      recent_talking_time: '',
      engagement: { chats: 3, talks: 2, raisehand: 1, emojis: 0, poll_votes: 1, talk_time: 40 },
    };
    await fake.fireAnalytics('cb-analytics-2', [attendee], { expiresInSeconds: -60 });
    const expired = amphi.received.at(-1)!;
    assert.deepEqual((JSON.parse(expired.body) as { data: { attendees: unknown[] } }).data.attendees, [attendee]);
    await assert.rejects(jwtVerify(expired.headers.authorization!.slice(7), key()), errors.JWTExpired);

    await fake.fireAnalytics('cb-analytics-2', undefined, { token: 'replayed.token.value', body: { nope: true } });
    const raw = amphi.received.at(-1)!;
    assert.equal(raw.headers.authorization, 'Bearer replayed.token.value');
    assert.deepEqual(JSON.parse(raw.body), { nope: true });
  });

  it('refuses to fire a callback the meeting did not ask for', async () => {
    await call(fake, 'create', 'name=Plain&meetingID=cb-plain');
    const recordID = fake.addRecording({ meetingID: 'cb-plain' });
    await assert.rejects(fake.fireRecordingReady(recordID), /no meta_bbb-recording-ready-url/);
    await assert.rejects(fake.fireAnalytics('cb-plain'), /no meta_analytics-callback-url/);
  });
});
