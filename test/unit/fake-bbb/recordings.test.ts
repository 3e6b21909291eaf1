import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { all, call, tag } from './fake-bbb-client.js';

let fake: FakeBbb;
let dir: string;
before(async () => {
  fake = await startFakeBbb({ algorithm: 'sha1' });
  dir = await mkdtemp(path.join(tmpdir(), 'fake-bbb-'));
});
after(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('fake BBB recordings', () => {
  it('gives a recording the meeting internal id and its create metadata', async () => {
    await call(fake, 'create', 'name=Chimie&meetingID=rec-a&record=true&meta_amphi-platform=p1&meta_bbb-recording-ready-url=http%3A%2F%2Fx%2Fr');
    const recordID = fake.addRecording({ meetingID: 'rec-a' });
    assert.equal(recordID, fake.meeting('rec-a')!.internalMeetingID);
    const xml = await call(fake, 'getRecordings', 'meetingID=rec-a');
    assert.equal(tag(xml, 'recordID'), recordID);
    assert.equal(tag(xml, 'meetingID'), 'rec-a');
    assert.equal(tag(xml, 'published'), 'true');
    assert.equal(tag(xml, 'state'), 'published');
    assert.equal(tag(xml, 'protected'), 'false');
    assert.equal(tag(xml, 'amphi-platform'), 'p1');
    assert.equal(tag(xml, 'type'), 'presentation');
    assert.equal(tag(xml, 'url'), `${fake.origin}/playback/presentation/2.3/${recordID}`);
    assert.equal(all(xml, 'image').length, 3);
  });

  it('filters by meetingID list, recordID prefix, state and meta_, and pages with <pagination>', async () => {
    const ids = Array.from({ length: 25 }, (_, i) =>
      fake.addRecording({ meetingID: i % 2 ? 'page-odd' : 'page-even', meta: { course: i < 5 ? 'c5' : 'other' }, startTime: 1_700_000_000_000 + i * 1000 }),
    );
    const both = await call(fake, 'getRecordings', 'meetingID=page-odd,page-even');
    assert.equal(all(both, 'recordID').length, 25);
    assert.equal(tag(both, 'pagination'), undefined);
    const page3 = await call(fake, 'getRecordings', 'meetingID=page-odd,page-even&offset=20&limit=10');
    assert.deepEqual(all(page3, 'recordID'), ids.slice(20));
    assert.equal(tag(page3, 'totalElements'), '25');
    assert.equal(tag(page3, 'offset'), '20');
    assert.equal(tag(page3, 'limit'), '10');
    const clamped = await call(fake, 'getRecordings', 'meetingID=page-odd,page-even&limit=500');
    assert.equal(tag(clamped, 'limit'), '100');
    const byMeta = await call(fake, 'getRecordings', 'meetingID=page-odd,page-even&meta_course=c5');
    assert.deepEqual(all(byMeta, 'recordID'), ids.slice(0, 5));
    const byPrefix = await call(fake, 'getRecordings', `recordID=${ids[3]!.slice(0, 45)}&meetingID=ignored`);
    assert.ok(all(byPrefix, 'recordID').includes(ids[3]!));
    const beyond = await call(fake, 'getRecordings', 'meetingID=page-odd&offset=50&limit=10');
    assert.equal(tag(beyond, 'messageKey'), 'noRecordings');
    assert.equal(tag(beyond, 'totalElements'), '12');
  });

  it('publishes, unpublishes, protects, renames and deletes', async () => {
    const recordID = fake.addRecording({ meetingID: 'actions', name: 'Séance 1' });
    const unpublished = await call(fake, 'publishRecordings', `recordID=${recordID}&publish=false`);
    assert.equal(tag(unpublished, 'published'), 'false');
    assert.equal(fake.recording(recordID)!.state, 'unpublished');
    assert.equal(tag(await call(fake, 'publishRecordings', `recordID=${recordID}&publish=true`), 'published'), 'true');

    const updated = await call(fake, 'updateRecordings', `recordID=${recordID}&meta_name=S%C3%A9ance+1+bis&protect=true`);
    assert.equal(tag(updated, 'updated'), 'true');
    const xml = await call(fake, 'getRecordings', `recordID=${recordID}`);
    assert.equal(tag(xml, 'protected'), 'true');
    assert.equal(tag(tag(xml, 'metadata')!, 'name'), 'Séance 1 bis');

    assert.equal(tag(await call(fake, 'deleteRecordings', `recordID=${recordID}`), 'deleted'), 'true');
    assert.equal(tag(await call(fake, 'getRecordings', `recordID=${recordID}`), 'messageKey'), 'noRecordings');
    assert.equal(tag(await call(fake, 'getRecordings', `recordID=${recordID}&state=deleted`), 'state'), 'deleted');
    assert.equal(tag(await call(fake, 'getRecordings', `recordID=${recordID}&state=any`), 'state'), 'deleted');
  });

  for (const [callName, query, key] of [
    ['publishRecordings', 'publish=true', 'missingParamRecordID'],
    ['publishRecordings', 'recordID=x', 'missingParamPublish'],
    ['publishRecordings', 'recordID=unknown-1&publish=true', 'notFound'],
    ['deleteRecordings', '', 'missingParamRecordID'],
    ['deleteRecordings', 'recordID=unknown-1', 'notFound'],
    ['updateRecordings', 'recordID=unknown-1&meta_a=b', 'notFound'],
    ['updateRecordings', 'recordID=x&protect=maybe', 'validationError'],
  ] as const) {
    it(`${callName} refuses ${query || 'no parameters'} (${key})`, async () => {
      const xml = await call(fake, callName, query);
      assert.equal(tag(xml, 'returncode'), 'FAILED');
      assert.equal(tag(xml, 'messageKey'), key);
    });
  }

  it('serves the video format files where BBB publishes them, only while published', async () => {
    const video = path.join(dir, 'video.mp4');
    await writeFile(video, Buffer.from('not really an mp4 but bytes'));
    const recordID = fake.addRecording({
      meetingID: 'with-video',
      formats: ['presentation', 'video'],
      videoFile: video,
      captions: [{ locale: 'fr-FR', label: 'Français', vtt: 'WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour\n' }],
    });
    const xml = await call(fake, 'getRecordings', `recordID=${recordID}`);
    const videoUrl = all(xml, 'url').find((u) => u.includes('/playback/video/'))!;
    assert.equal(videoUrl, `${fake.origin}/playback/video/${recordID}/`);
    const mp4 = await fetch(`${videoUrl}video-0.m4v`);
    assert.equal(mp4.headers.get('content-type'), 'video/mp4');
    assert.equal(await mp4.text(), 'not really an mp4 but bytes');
    assert.match(await (await fetch(videoUrl)).text(), /<source src="video-0.m4v" type="video\/mp4">/);
    assert.deepEqual(await (await fetch(`${videoUrl}captions.json`)).json(), [{ locale: 'fr-FR', localeName: 'Français' }]);
    assert.match(await (await fetch(`${videoUrl}caption_fr-FR.vtt`)).text(), /Bonjour/);
    assert.equal((await fetch(`${fake.origin}/presentation/${recordID}/caption_fr-FR.vtt`)).status, 200);
    assert.equal((await fetch(`${videoUrl}caption_de-DE.vtt`)).status, 404);

    await call(fake, 'publishRecordings', `recordID=${recordID}&publish=false`);
    assert.equal((await fetch(`${videoUrl}video-0.m4v`)).status, 404);
    const presentationOnly = fake.addRecording({ meetingID: 'no-video' });
    assert.equal((await fetch(`${fake.origin}/playback/video/${presentationOnly}/video-0.m4v`)).status, 404);
  });
});
