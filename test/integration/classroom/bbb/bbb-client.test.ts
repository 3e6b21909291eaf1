import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BbbClient } from '../../../../src/classroom/bbb/bbb-client.js';
import { BbbFailedError, BbbUnavailableError } from '../../../../src/classroom/bbb/bbb-errors.js';
import { CHECKSUM_ALGORITHMS, type BbbServerConfig } from '../../../../src/classroom/bbb/bbb.types.js';
import { createLogger } from '../../../../src/http/logger.js';
import { OutboundHttp } from '../../../../src/http/outbound.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';

/** The fake BBB listens on loopback: an operator's server (the CLI), as a platform's own would need OUTBOUND_ALLOW. */
const outbound = new OutboundHttp({ allow: [] });

function clientFor(fake: FakeBbb, overrides: Partial<BbbServerConfig> = {}): BbbClient {
  return new BbbClient({ url: fake.url, secret: fake.secret, checksumAlgorithm: fake.algorithm, timeoutMs: 5000, trust: 'operator', ...overrides }, { outbound });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected a rejection');
}

describe('BbbClient against the strict fake BBB: meetings', () => {
  let fake: FakeBbb;
  let bbb: BbbClient;
  before(async () => {
    fake = await startFakeBbb();
  });
  after(() => fake.close());
  beforeEach(() => {
    bbb = clientFor(fake);
  });

  it('creates a meeting with GET: parameters and meta_ data arrive as sent, a second create is a duplicate', async () => {
    const created = await bbb.create({
      name: 'Chimie organique — TD 1',
      meetingID: 'amphi-create-get',
      welcome: 'Bienvenue à tous & bon courage',
      record: true,
      guestPolicy: 'ALWAYS_DENY',
      lockSettingsDisableCam: true,
      lockSettingsDisablePrivateChat: false,
      meta: { 'amphi-platform': 'p-1', endCallbackUrl: 'http://127.0.0.1:1/cb?token=a.b&x=1' },
    });
    const meeting = fake.meeting('amphi-create-get');
    assert.ok(meeting);
    assert.equal(fake.calls.at(-1)!.method, 'GET');
    assert.equal(created.meetingID, 'amphi-create-get');
    assert.equal(created.internalMeetingID, meeting.internalMeetingID);
    assert.equal(created.createTime, meeting.createTime);
    assert.equal(created.duplicate, false);
    assert.equal(meeting.name, 'Chimie organique — TD 1');
    assert.equal(meeting.params.welcome, 'Bienvenue à tous & bon courage');
    assert.equal(meeting.params.record, 'true');
    assert.equal(meeting.params.lockSettingsDisableCam, 'true');
    assert.equal(meeting.params.lockSettingsDisablePrivateChat, 'false');
    assert.equal(meeting.params.guestPolicy, 'ALWAYS_DENY');
    assert.equal(meeting.metadata.endcallbackurl, 'http://127.0.0.1:1/cb?token=a.b&x=1');

    const again = await bbb.create({ name: 'Chimie organique — TD 1', meetingID: 'amphi-create-get' });
    assert.equal(again.duplicate, true);
    assert.equal(again.internalMeetingID, created.internalMeetingID);
    assert.equal(fake.count('create'), 2);
  });

  it('creates with POST and a <modules> body when a presentation is given; BBB downloads it', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const files = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length }).end(pdf);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/presentation/abc?sig=1&exp=2`;
      await bbb.create({ name: 'Avec diapositives', meetingID: 'amphi-create-post', presentations: [{ url, filename: 'cours 1.pdf' }] });
      const call = fake.calls.at(-1)!;
      assert.deepEqual([call.call, call.method, call.ok], ['create', 'POST', true]);
      await fake.settled();
      const meeting = fake.meeting('amphi-create-post')!;
      assert.deepEqual(
        meeting.presentations.map((p) => [p.url, p.filename]),
        [[url, 'cours 1.pdf']],
      );
      const download = meeting.presentations[0]!.download;
      assert.ok(download && 'status' in download && download.status === 200, JSON.stringify(download));
    } finally {
      files.close();
    }
  });

  it('turns BBB refusals into BbbFailedError with the messageKey (comma in meetingID, one-letter name)', async () => {
    const comma = await rejection(bbb.create({ name: 'Valid name', meetingID: 'a,b' }));
    assert.ok(comma instanceof BbbFailedError);
    assert.equal(comma.call, 'create');
    assert.equal(comma.messageKey, 'validationError');
    assert.equal(comma.status, 502);
    const short = await rejection(bbb.create({ name: 'A', meetingID: 'amphi-short-name' }));
    assert.ok(short instanceof BbbFailedError);
    assert.equal(short.messageKey, 'sizeError');
    assert.equal(fake.meeting('amphi-short-name'), undefined, 'nothing created');
  });

  it('builds join URLs the server accepts: 302 into the client, the attendee with role, userID and full name', async () => {
    const created = await bbb.create({ name: 'Join room', meetingID: 'amphi-join' });
    const url = bbb.joinUrl({ fullName: "Zoé L'Hôpital", meetingID: 'amphi-join', role: 'VIEWER', userID: 'lti|user/7', createTime: created.createTime });
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = res.headers.get('location')!;
    assert.ok(location.startsWith(`${fake.origin}/client/BigBlueButton.html?sessionToken=`), location);
    assert.deepEqual(fake.meeting('amphi-join')!.attendees, [{ userID: 'lti|user/7', fullName: "Zoé L'Hôpital", role: 'VIEWER' }]);

    const moderator = bbb.joinUrl({ fullName: 'Prof', meetingID: 'amphi-join', role: 'MODERATOR', userID: 'teacher-1', redirect: false });
    const xml = await (await fetch(moderator)).text();
    assert.match(xml, /<returncode>SUCCESS<\/returncode>/);
    assert.match(xml, /sessionToken=/);

    const info = await bbb.getMeetingInfo('amphi-join');
    assert.ok(info);
    assert.equal(info.running, true);
    assert.equal(info.internalMeetingID, created.internalMeetingID);
    assert.deepEqual(
      info.attendees.map((a) => [a.userID, a.fullName, a.role]),
      [
        ['lti|user/7', "Zoé L'Hôpital", 'VIEWER'],
        ['teacher-1', 'Prof', 'MODERATOR'],
      ],
    );
    assert.equal(info.moderatorCount, 1);
    assert.equal(await bbb.isMeetingRunning('amphi-join'), true);
    assert.ok((await bbb.getMeetings()).some((m) => m.meetingID === 'amphi-join' && m.attendees.length === 2));
  });

  it('a join URL signed with another secret is refused by the server', async () => {
    await bbb.create({ name: 'Join room 2', meetingID: 'amphi-join-forged' });
    const forged = clientFor(fake, { secret: 'not-the-secret' }).joinUrl({ fullName: 'Eve', meetingID: 'amphi-join-forged', role: 'MODERATOR' });
    const res = await fetch(forged, { redirect: 'manual' });
    assert.ok(!(res.headers.get('location') ?? '').includes('sessionToken'));
    assert.deepEqual(fake.meeting('amphi-join-forged')!.attendees, []);
  });

  it('reads an unknown meeting as undefined / not running, and ends meetings (idempotently)', async () => {
    assert.equal(await bbb.getMeetingInfo('amphi-nobody'), undefined);
    assert.equal(await bbb.isMeetingRunning('amphi-nobody'), false);
    await bbb.end('amphi-nobody');

    await bbb.create({ name: 'To end', meetingID: 'amphi-end' });
    fake.join('amphi-end', { userID: 'u1', fullName: 'Ana', role: 'MODERATOR' });
    assert.equal(await bbb.isMeetingRunning('amphi-end'), true);
    await bbb.end('amphi-end');
    assert.equal(fake.meeting('amphi-end')!.ended, true);
    assert.equal(await bbb.isMeetingRunning('amphi-end'), false);
  });

  it('answers the server version from the API root without a checksum', async () => {
    assert.equal(await bbb.version(), '3.0.0');
  });
});

describe('BbbClient against the strict fake BBB: checksums', () => {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    it(`signs with ${algorithm} when the server accepts only ${algorithm}`, async () => {
      const fake = await startFakeBbb({ algorithm, secret: `secret-${algorithm}` });
      try {
        const bbb = clientFor(fake);
        await bbb.create({ name: 'Algo room', meetingID: `amphi-${algorithm}` });
        assert.equal((await bbb.getMeetingInfo(`amphi-${algorithm}`))?.meetingName, 'Algo room');
        const res = await fetch(bbb.joinUrl({ fullName: 'Ana', meetingID: `amphi-${algorithm}`, role: 'VIEWER' }), { redirect: 'manual' });
        assert.match(res.headers.get('location') ?? '', /sessionToken=/);
        const other = CHECKSUM_ALGORITHMS.find((a) => a !== algorithm)!;
        const refused = await rejection(clientFor(fake, { checksumAlgorithm: other }).getMeetings());
        assert.ok(refused instanceof BbbFailedError);
        assert.equal(refused.messageKey, 'checksumError');
      } finally {
        await fake.close();
      }
    });
  }

  it('a wrong secret gives BbbFailedError checksumError, and the secret appears in no message or log', async () => {
    const fake = await startFakeBbb();
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    try {
      const good = new BbbClient({ url: fake.url, secret: fake.secret, checksumAlgorithm: fake.algorithm, timeoutMs: 5000, trust: 'operator' }, { outbound, logger });
      await good.create({ name: 'Logged room', meetingID: 'amphi-logged' });
      const bad = new BbbClient({ url: fake.url, secret: 'wrong-secret-xyz', checksumAlgorithm: fake.algorithm, timeoutMs: 5000, trust: 'operator' }, { outbound, logger });
      const err = await rejection(bad.create({ name: 'Valid name', meetingID: 'amphi-wrong-secret' }));
      assert.ok(err instanceof BbbFailedError);
      assert.equal(err.messageKey, 'checksumError');
      assert.equal(err.code, 'external-service');
      assert.equal(fake.meeting('amphi-wrong-secret'), undefined);
      assert.ok(lines.length >= 2, 'calls are logged');
      for (const text of [...lines, err.message, JSON.stringify(err.params)]) {
        assert.ok(!text.includes(fake.secret) && !text.includes('wrong-secret-xyz'), text);
        assert.ok(!text.includes('checksum='), text);
      }
    } finally {
      await fake.close();
    }
  });
});

describe('BbbClient against the strict fake BBB: recordings', () => {
  let fake: FakeBbb;
  let bbb: BbbClient;
  const ids: string[] = [];
  before(async () => {
    fake = await startFakeBbb();
    bbb = clientFor(fake);
    await bbb.create({ name: 'Recorded room', meetingID: 'amphi-rec', record: true, meta: { 'amphi-course': 'c-9' } });
    for (let i = 0; i < 3; i++) {
      const startTime = 1_700_000_000_000 + i * 3_600_000;
      ids.push(fake.addRecording({ meetingID: 'amphi-rec', name: `Séance ${i + 1}`, formats: ['presentation', 'video'], startTime, endTime: startTime + 1_800_000 }));
    }
    await bbb.create({ name: 'Other room', meetingID: 'amphi-rec-other', record: true });
    fake.addRecording({ meetingID: 'amphi-rec-other', name: 'Autre' });
  });
  after(() => fake.close());

  it('lists a meeting’s recordings with formats and metadata', async () => {
    const page = await bbb.getRecordings({ meetingID: ['amphi-rec'] });
    assert.deepEqual(page.recordings.map((r) => r.recordID).sort(), [...ids].sort());
    const first = page.recordings.find((r) => r.recordID === ids[0])!;
    assert.equal(first.state, 'published');
    assert.equal(first.published, true);
    assert.deepEqual(first.formats.map((f) => f.type).sort(), ['presentation', 'video']);
    assert.ok(first.formats.every((f) => f.url.startsWith('http')));
    assert.equal(first.metadata['amphi-course'], 'c-9');
    assert.equal(page.totalElements, 3);
  });

  it('pages with offset and limit and reads the total', async () => {
    const one = await bbb.getRecordings({ meetingID: ['amphi-rec'], offset: 0, limit: 2 });
    const two = await bbb.getRecordings({ meetingID: ['amphi-rec'], offset: 2, limit: 2 });
    assert.deepEqual([one.recordings.length, one.totalElements, one.offset, one.limit], [2, 3, 0, 2]);
    assert.deepEqual([two.recordings.length, two.totalElements, two.offset, two.limit], [1, 3, 2, 2]);
    const seen = [...one.recordings, ...two.recordings].map((r) => r.recordID).sort();
    assert.deepEqual(seen, [...ids].sort());
    const past = await bbb.getRecordings({ meetingID: ['amphi-rec'], offset: 10, limit: 2 });
    assert.deepEqual([past.recordings.length, past.totalElements], [0, 3]);
  });

  it('filters by recordID list, by several meetings and by meta_', async () => {
    const byId = await bbb.getRecordings({ recordID: [ids[0]!, ids[2]!] });
    assert.deepEqual(byId.recordings.map((r) => r.recordID).sort(), [ids[0], ids[2]].sort());
    const both = await bbb.getRecordings({ meetingID: ['amphi-rec', 'amphi-rec-other'] });
    assert.equal(both.recordings.length, 4);
    const byMeta = await bbb.getRecordings({ meetingID: ['amphi-rec', 'amphi-rec-other'], meta: { 'amphi-course': 'c-9' } });
    assert.equal(byMeta.recordings.length, 3);
  });

  it('publishes, unpublishes, renames, protects and deletes', async () => {
    const id = ids[1]!;
    await bbb.publishRecordings([id], false);
    assert.equal(fake.recording(id)!.state, 'unpublished');
    await bbb.publishRecordings([id], true);
    assert.equal(fake.recording(id)!.state, 'published');
    await bbb.updateRecordings([id], { meta: { name: 'Séance 2 — corrigé' }, protect: true });
    assert.equal(fake.recording(id)!.metadata.name, 'Séance 2 — corrigé');
    assert.equal(fake.recording(id)!.protected, true);
    const read = (await bbb.getRecordings({ recordID: [id] })).recordings[0]!;
    assert.equal(read.protected, true);
    assert.equal(read.metadata.name, 'Séance 2 — corrigé');
    await bbb.deleteRecordings([id]);
    assert.equal(fake.recording(id)!.state, 'deleted');
    assert.deepEqual((await bbb.getRecordings({ recordID: [id] })).recordings, [], 'a deleted recording is not listed by default');
    assert.equal((await bbb.getRecordings({ recordID: [id], state: ['any'] })).recordings[0]?.state, 'deleted');
  });

  it('refuses actions on unknown recordings with BbbFailedError notFound', async () => {
    const err = await rejection(bbb.publishRecordings(['no-such-recording'], true));
    assert.ok(err instanceof BbbFailedError);
    assert.equal(err.messageKey, 'notFound');
  });
});

describe('BbbClient: a server that cannot answer', () => {
  let fake: FakeBbb;
  before(async () => {
    fake = await startFakeBbb();
  });
  after(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('an HTML page instead of XML is BbbUnavailableError naming what came', async () => {
    fake.setMode('html');
    const err = await rejection(clientFor(fake).getMeetings());
    assert.ok(err instanceof BbbUnavailableError);
    assert.equal(err.call, 'getMeetings');
    assert.match(String(err.params.reason), /answered text\/html, not BBB's XML \(HTTP 200\)/);
    assert.equal(err.status, 502);
    const version = await rejection(clientFor(fake).version());
    assert.ok(version instanceof BbbUnavailableError);
  });

  it('an HTTP 500 is BbbUnavailableError with the status', async () => {
    fake.setMode('http-500');
    const err = await rejection(clientFor(fake).create({ name: 'Valid name', meetingID: 'amphi-500' }));
    assert.ok(err instanceof BbbUnavailableError);
    assert.match(String(err.params.reason), /HTTP 500/);
  });

  it('no answer within the timeout is BbbUnavailableError saying so; the client works again after', async () => {
    fake.setMode('timeout');
    const err = await rejection(clientFor(fake, { timeoutMs: 300 }).isMeetingRunning('amphi-slow'));
    assert.ok(err instanceof BbbUnavailableError);
    assert.equal(String(err.params.reason), 'isMeetingRunning: no answer within 300 ms');
    fake.setMode('ok');
    assert.equal(await clientFor(fake, { timeoutMs: 300 }).isMeetingRunning('amphi-slow'), false);
  });

  it('a closed port is BbbUnavailableError "connection refused"', async () => {
    const spare = http.createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    const bbb = new BbbClient({ url: `http://127.0.0.1:${port}/bigbluebutton/api`, secret: 's', checksumAlgorithm: 'sha256', timeoutMs: 2000, trust: 'operator' }, { outbound });
    const err = await rejection(bbb.getMeetings());
    assert.ok(err instanceof BbbUnavailableError);
    assert.equal(String(err.params.reason), 'getMeetings: connection refused');
  });

  it('a web server that is not BBB (XML or not) is refused by version()', async () => {
    const other = http.createServer((req, res) => {
      if (req.url?.startsWith('/xml')) res.writeHead(200, { 'content-type': 'application/xml' }).end('<rss><channel/></rss>');
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const xml = await rejection(new BbbClient({ url: `${base}/xml/`, secret: 's', checksumAlgorithm: 'sha1', timeoutMs: 2000, trust: 'operator' }, { outbound }).version());
      assert.ok(xml instanceof BbbUnavailableError);
      assert.match(String(xml.params.reason), /not BBB's XML \(HTTP 200, application\/xml\)/);
      const notFound = await rejection(new BbbClient({ url: `${base}/nothing/`, secret: 's', checksumAlgorithm: 'sha1', timeoutMs: 2000, trust: 'operator' }, { outbound }).version());
      assert.ok(notFound instanceof BbbUnavailableError);
      assert.equal(String(notFound.params.reason), 'version: HTTP 404');
    } finally {
      other.close();
    }
  });
});
