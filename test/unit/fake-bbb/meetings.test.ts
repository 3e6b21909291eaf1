import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { all, call, signed, startReceiver, tag } from './fake-bbb-client.js';

let fake: FakeBbb;
let docs: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  fake = await startFakeBbb({ algorithm: 'sha256' });
  docs = await startReceiver();
});
after(async () => {
  await fake.close();
  await docs.close();
});
let n = 0;
let id: string;
beforeEach(() => {
  id = `room-${++n}`;
});

async function createRoom(extra = ''): Promise<string> {
  const xml = await call(fake, 'create', `name=Cours+de+chimie&meetingID=${id}${extra}`);
  assert.equal(tag(xml, 'returncode'), 'SUCCESS', xml);
  return xml;
}

async function joinUrl(query: string): Promise<Response> {
  return fetch(signed(fake, 'join', query), { redirect: 'manual' });
}

function redirectErrors(res: Response): { key: string; message: string }[] {
  const location = new URL(res.headers.get('location')!);
  assert.equal(location.origin, fake.origin);
  return JSON.parse(location.searchParams.get('errors')!) as { key: string; message: string }[];
}

describe('fake BBB create', () => {
  it('creates a meeting with the real answer shape and keeps its parameters and lowercased metadata', async () => {
    const xml = await createRoom('&record=true&meta_endCallbackUrl=http%3A%2F%2Fa%2Fend&meta_bbb-recording-ready-url=http%3A%2F%2Fa%2Fr&meta_bad_name=x');
    const m = fake.meeting(id)!;
    assert.equal(tag(xml, 'meetingID'), id);
    assert.equal(tag(xml, 'internalMeetingID'), m.internalMeetingID);
    assert.match(m.internalMeetingID, /^[0-9a-f]{40}-\d{13}$/);
    assert.equal(Number(tag(xml, 'createTime')), m.createTime);
    assert.equal(tag(xml, 'messageKey'), '');
    assert.equal(m.params.record, 'true');
    assert.equal(m.params['meta_endCallbackUrl'], 'http://a/end');
    assert.deepEqual(m.metadata, { endcallbackurl: 'http://a/end', 'bbb-recording-ready-url': 'http://a/r' });
    assert.equal(m.running, false);
  });

  it('answers duplicateWarning for a second create, with the first createTime, and counts both as successful', async () => {
    const first = await createRoom();
    const second = await createRoom();
    assert.equal(tag(second, 'messageKey'), 'duplicateWarning');
    assert.equal(tag(second, 'createTime'), tag(first, 'createTime'));
    const calls = fake.calls.filter((c) => c.call === 'create' && c.query.get('meetingID') === id);
    assert.deepEqual(calls.map((c) => c.messageKey), [undefined, 'duplicateWarning']);
  });

  it('creates exactly one meeting when 300 creates arrive together', async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, () => call(fake, 'create', `name=Big+room&meetingID=${id}`)));
    const created = answers.filter((x) => tag(x, 'returncode') === 'SUCCESS' && tag(x, 'messageKey') === '');
    assert.equal(created.length, 1);
    assert.equal(new Set(answers.map((x) => tag(x, 'createTime'))).size, 1);
  });

  it('refuses a create with other passwords than the existing meeting (idNotUnique)', async () => {
    await createRoom('&attendeePW=ap&moderatorPW=mp');
    const xml = await call(fake, 'create', `name=Cours+de+chimie&meetingID=${id}&attendeePW=other&moderatorPW=mp`);
    assert.equal(tag(xml, 'messageKey'), 'idNotUnique');
  });

  for (const [label, query, key, message] of [
    ['no meetingID', 'name=Room', 'missingParamMeetingID', 'You must provide a meeting ID'],
    ['a meetingID with a comma', 'name=Room&meetingID=a%2Cb', 'validationError', "Meeting ID cannot contain ','"],
    ['a 1-character meetingID', 'name=Room&meetingID=a', 'sizeError', 'Meeting ID must be between 2 and 256 characters'],
    ['a 257-character meetingID', `name=Room&meetingID=${'x'.repeat(257)}`, 'sizeError', 'Meeting ID must be between 2 and 256 characters'],
    ['no name', 'meetingID=abc', 'emptyError', 'You must provide a meeting name'],
    ['a 1-character name', 'name=R&meetingID=abc', 'sizeError', 'Meeting name must be between 2 and 256 characters'],
    ['record=1', 'name=Room&meetingID=abc&record=1', 'validationError', 'Record must be a boolean value (true or false)'],
  ] as const) {
    it(`refuses ${label} (${key})`, async () => {
      const xml = await call(fake, 'create', query);
      assert.equal(tag(xml, 'returncode'), 'FAILED');
      assert.equal(tag(xml, 'messageKey'), key);
      assert.equal(tag(xml, 'message'), message);
    });
  }

  it('takes presentations from a POST <modules> body and downloads them', async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?><modules><module name="presentation"><document url="${docs.origin}/slides.pdf?sig=a%26b" filename="slides.pdf"/><document url="${docs.origin}/more.pptx" filename="more.pptx"/><document url="${docs.origin}/tool.exe" filename="tool.exe"/></module></modules>`;
    const res = await fetch(signed(fake, 'create', `name=With+slides&meetingID=${id}`), { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
    assert.equal(tag(await res.text(), 'returncode'), 'SUCCESS');
    await fake.settled();
    const m = fake.meeting(id)!;
    assert.deepEqual(
      m.presentations.map((p) => [p.url, p.filename, p.supported]),
      [
        [`${docs.origin}/slides.pdf?sig=a%26b`, 'slides.pdf', true],
        [`${docs.origin}/more.pptx`, 'more.pptx', true],
        [`${docs.origin}/tool.exe`, 'tool.exe', false],
      ],
    );
    assert.deepEqual(m.presentations[0]!.download, { status: 200, contentType: null, bytes: 2 });
    assert.ok(docs.received.some((r) => r.url.pathname === '/slides.pdf' && r.url.searchParams.get('sig') === 'a&b'));

    const again = await fetch(signed(fake, 'create', `name=With+slides&meetingID=${id}`), {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: `<modules><module name="presentation"><document url="${docs.origin}/other.pdf" filename="other.pdf"/></module></modules>`,
    });
    assert.equal(tag(await again.text(), 'messageKey'), 'duplicateWarning');
    assert.equal(fake.meeting(id)!.presentations.length, 3, 'documents of a duplicate create are ignored');
  });

  it('refuses a POST create whose body is not XML by content type', async () => {
    const res = await fetch(signed(fake, 'create', `name=With+slides&meetingID=${id}`), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '<modules/>' });
    assert.equal(tag(await res.text(), 'messageKey'), 'unsupportedContentType');
    assert.equal(fake.meeting(id), undefined);
  });
});

describe('fake BBB join', () => {
  it('redirects into the client and lists the attendee; the meeting runs', async () => {
    const created = await createRoom();
    const res = await joinUrl(`fullName=Ada+Lovelace&meetingID=${id}&role=VIEWER&userID=lti-42&createTime=${tag(created, 'createTime')}`);
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, `${fake.origin}/client/BigBlueButton.html`);
    assert.match(location.searchParams.get('sessionToken')!, /^[a-z0-9]{16}$/);
    const m = fake.meeting(id)!;
    assert.deepEqual(m.attendees, [{ userID: 'lti-42', fullName: 'Ada Lovelace', role: 'VIEWER' }]);
    assert.equal(m.running, true);
    const page = await fetch(location);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Ada Lovelace/);
  });

  it('answers XML with the session token when redirect=false', async () => {
    await createRoom();
    const xml = await (await joinUrl(`fullName=Prof&meetingID=${id}&role=MODERATOR&userID=t1&redirect=false`)).text();
    assert.equal(tag(xml, 'returncode'), 'SUCCESS');
    assert.equal(tag(xml, 'messageKey'), 'successfullyJoined');
    assert.equal(tag(xml, 'url'), `${fake.origin}/client/BigBlueButton.html?sessionToken=${tag(xml, 'session_token')}`);
    assert.equal(fake.meeting(id)!.attendees[0]!.role, 'MODERATOR');
  });

  it('refuses a join with neither role nor password ("Params required")', async () => {
    await createRoom();
    const xml = await (await joinUrl(`fullName=Ada&meetingID=${id}&userID=u`)).text();
    assert.equal(tag(xml, 'returncode'), 'FAILED');
    assert.equal(tag(xml, 'messageKey'), 'Params required');
    const badRole = await (await joinUrl(`fullName=Ada&meetingID=${id}&role=ADMIN`)).text();
    assert.equal(tag(badRole, 'messageKey'), 'Params required');
    assert.deepEqual(fake.meeting(id)!.attendees, []);
  });

  it('takes the role from a password when the meeting has passwords', async () => {
    await createRoom('&attendeePW=ap&moderatorPW=mp');
    assert.equal((await joinUrl(`fullName=Mod&meetingID=${id}&password=mp&userID=m`)).status, 302);
    assert.equal((await joinUrl(`fullName=View&meetingID=${id}&password=ap&userID=v`)).status, 302);
    assert.equal(tag(await (await joinUrl(`fullName=X&meetingID=${id}&password=zz`)).text(), 'message'), 'You must enter a valid password');
    assert.deepEqual(fake.meeting(id)!.attendees.map((a) => a.role), ['MODERATOR', 'VIEWER']);
  });

  for (const [label, query, key] of [
    ['an unknown meeting', 'fullName=Ada&meetingID=nope-nope&role=VIEWER', 'notFound'],
    ['a meetingID with a comma', 'fullName=Ada&meetingID=a%2Cb&role=VIEWER', 'validationError'],
    ['no fullName', 'meetingID=$ID&role=VIEWER', 'missingParamFullName'],
    ['another createTime', 'fullName=Ada&meetingID=$ID&role=VIEWER&createTime=123', 'mismatchCreateTimeParam'],
  ] as const) {
    it(`redirects ${label} to the logout URL with errors (${key})`, async () => {
      await createRoom();
      const res = await joinUrl(query.replace('$ID', id));
      assert.equal(res.status, 302);
      assert.equal(redirectErrors(res)[0]!.key, key);
      assert.equal(fake.calls.at(-1)!.ok, false);
      assert.deepEqual(fake.meeting(id)!.attendees, []);
    });
  }

  it('redirects a join with a bad checksum with checksumError', async () => {
    await createRoom();
    const res = await fetch(signed(fake, 'join', `fullName=Ada&meetingID=${id}&role=VIEWER`, 'sha256', 'wrong'), { redirect: 'manual' });
    assert.equal(redirectErrors(res)[0]!.key, 'checksumError');
  });

  it('refuses to join an ended meeting (meetingForciblyEnded)', async () => {
    await createRoom();
    fake.join(id, { userID: 't', fullName: 'Teacher', role: 'MODERATOR' });
    assert.equal(tag(await call(fake, 'end', `meetingID=${id}`), 'messageKey'), 'sentEndMeetingRequest');
    const res = await joinUrl(`fullName=Ada&meetingID=${id}&role=VIEWER`);
    assert.equal(redirectErrors(res)[0]!.key, 'meetingForciblyEnded');
  });
});

describe('fake BBB meeting state calls', () => {
  it('getMeetingInfo lists attendees and metadata; isMeetingRunning follows joins and the end', async () => {
    await createRoom('&meta_bbb-context=Chimie');
    assert.equal(tag(await call(fake, 'isMeetingRunning', `meetingID=${id}`), 'running'), 'false');
    fake.join(id, { userID: 't', fullName: 'Teacher', role: 'MODERATOR' });
    fake.join(id, { userID: 's', fullName: 'Student', role: 'VIEWER' });
    const info = await call(fake, 'getMeetingInfo', `meetingID=${id}`);
    assert.equal(tag(info, 'running'), 'true');
    assert.equal(tag(info, 'participantCount'), '2');
    assert.equal(tag(info, 'moderatorCount'), '1');
    assert.deepEqual(all(info, 'userID'), ['t', 's']);
    assert.equal(tag(info, 'bbb-context'), 'Chimie');
    fake.leave(id, 's');
    assert.equal(tag(await call(fake, 'getMeetingInfo', `meetingID=${id}`), 'participantCount'), '1');
    await call(fake, 'end', `meetingID=${id}`);
    assert.equal(tag(await call(fake, 'isMeetingRunning', `meetingID=${id}`), 'running'), 'false');
    assert.equal(tag(await call(fake, 'getMeetingInfo', `meetingID=${id}`), 'messageKey'), 'notFound');
    assert.equal(tag(await call(fake, 'end', `meetingID=${id}`), 'messageKey'), 'notFound');
    assert.equal(fake.meeting(id)!.ended, true);
  });

  it('creates a new meeting with a new createTime after the end', async () => {
    const first = await createRoom();
    await call(fake, 'end', `meetingID=${id}`);
    const second = await createRoom();
    assert.equal(tag(second, 'messageKey'), '');
    assert.notEqual(tag(second, 'createTime'), tag(first, 'createTime'));
  });

  it('getMeetingInfo refuses an unknown meeting (notFound)', async () => {
    const xml = await call(fake, 'getMeetingInfo', 'meetingID=never-created');
    assert.equal(tag(xml, 'returncode'), 'FAILED');
    assert.equal(tag(xml, 'messageKey'), 'notFound');
  });

  it('getMeetings lists the meetings not ended', async () => {
    await createRoom();
    const xml = await call(fake, 'getMeetings', '');
    assert.ok(all(xml, 'meetingID').includes(id));
    const empty = await startFakeBbb();
    try {
      const none = await call(empty, 'getMeetings', '');
      assert.equal(tag(none, 'returncode'), 'SUCCESS');
      assert.equal(tag(none, 'messageKey'), 'noMeetings');
    } finally {
      await empty.close();
    }
  });
});
