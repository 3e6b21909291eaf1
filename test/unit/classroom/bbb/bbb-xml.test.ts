import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBbbResponse, type BbbXmlResponse } from '../../../../src/classroom/bbb/bbb-xml.js';
import { toCreateResult, toMeetingInfo, toMeetings, toRecordingsPage } from '../../../../src/classroom/bbb/bbb-results.js';
import * as samples from './bbb-samples.js';

function parse(xml: string): BbbXmlResponse {
  const answer = parseBbbResponse(xml);
  assert.ok(answer, 'parsed as a BBB response');
  return answer;
}

describe('BBB XML: envelope', () => {
  it('reads returncode, messageKey and message of a FAILED answer', () => {
    const answer = parse(samples.CHECKSUM_ERROR);
    assert.equal(answer.returncode, 'FAILED');
    assert.equal(answer.messageKey, 'checksumError');
    assert.equal(answer.message, 'Checksums do not match');
  });
  it('decodes entities once: named, numeric, CDATA', () => {
    const answer = parse(
      '<response><returncode>SUCCESS</returncode><meetingName>Zo&#233; &#x27;x&#39; &lt;b&gt; &amp;lt; &#128512;</meetingName><message><![CDATA[a & <b>]]></message></response>',
    );
    assert.equal(answer.body.meetingName, "Zoé 'x' <b> &lt; 😀");
    assert.equal(answer.message, 'a & <b>');
  });
  it('reads metadata named like JavaScript internals without polluting anything', () => {
    const answer = parse(
      '<response><returncode>SUCCESS</returncode><metadata><constructor>c</constructor><__proto__>p</__proto__><toString>t</toString><ok>1</ok></metadata></response>',
    );
    const info = toMeetingInfo(answer.body);
    assert.equal(info.metadata.ok, '1');
    assert.equal(Object.getPrototypeOf(info.metadata), Object.prototype);
    assert.equal(({} as Record<string, unknown>).c, undefined);
    assert.equal(typeof ({}).toString, 'function');
  });
  it('refuses what is not BBB XML: HTML, a bare element, truncated or empty text', () => {
    for (const text of [samples.HTML_PAGE, '<other><returncode>SUCCESS</returncode></other>', '<response><running>true</running></response>', '', 'plain text', '{"response":{}}']) {
      assert.equal(parseBbbResponse(text), undefined, text);
    }
  });
});

describe('BBB XML: create', () => {
  it('reads the docs example, a duplicate', () => {
    const answer = parse(samples.CREATE_DUPLICATE);
    assert.deepEqual(toCreateResult(answer.body, answer.messageKey), {
      meetingID: 'Test',
      internalMeetingID: '640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613',
      createTime: 1531155809613,
      duplicate: true,
      voiceBridge: '70757',
    });
  });
  it('keeps ids made of digits as strings, leading zeros included', () => {
    const answer = parse(samples.CREATE_NEW);
    const result = toCreateResult(answer.body, answer.messageKey);
    assert.equal(result.meetingID, '0123');
    assert.equal(result.voiceBridge, '01234');
    assert.equal(result.duplicate, false);
    assert.equal(result.createTime, 1700000000000);
  });
});

describe('BBB XML: meetings', () => {
  it('reads getMeetingInfo with its attendee and metadata (entities decoded)', () => {
    const info = toMeetingInfo(parse(samples.MEETING_INFO).body);
    assert.equal(info.meetingName, "Anton G's Room");
    assert.equal(info.running, true);
    assert.equal(info.hasUserJoined, true);
    assert.equal(info.hasBeenForciblyEnded, false);
    assert.equal(info.createTime, 1715261728123);
    assert.equal(info.startTime, 1715261728142);
    assert.equal(info.endTime, 0);
    assert.equal(info.participantCount, 1);
    assert.equal(info.moderatorCount, 1);
    assert.deepEqual(info.attendees, [
      { userID: 'w_ftcrsyuh44oj', fullName: 'Anton G', role: 'MODERATOR', isPresenter: true, isListeningOnly: false, hasJoinedVoice: true, hasVideo: true },
    ]);
    assert.equal(info.metadata['bbb-origin'], 'greenlight');
    assert.equal(info.metadata.endcallbackurl, 'https://test30.bigbluebutton.org/meeting_ended?a=1&b=2');
  });
  it('reads getMeetings: empty attendees and metadata, one or several attendees, no meetings', () => {
    const meetings = toMeetings(parse(samples.MEETINGS).body);
    assert.equal(meetings.length, 2);
    assert.deepEqual(meetings[0]!.attendees, []);
    assert.deepEqual(meetings[0]!.metadata, {});
    assert.equal(meetings[0]!.meetingID, 'Demo Meeting');
    assert.deepEqual(
      meetings[1]!.attendees.map((a) => [a.userID, a.role, a.isPresenter]),
      [
        ['u1', 'VIEWER', false],
        ['u2', 'MODERATOR', true],
      ],
    );
    assert.deepEqual(meetings[1]!.metadata, { course: '42' });
    assert.deepEqual(toMeetings(parse(samples.NO_MEETINGS).body), []);
  });
});

describe('BBB XML: recordings', () => {
  it('reads the docs example: formats, preview images with their attributes, state, protected', () => {
    const page = toRecordingsPage(parse(samples.RECORDINGS).body, {});
    assert.equal(page.recordings.length, 2);
    const [first, second] = page.recordings;
    assert.equal(first!.recordID, 'ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124');
    assert.equal(first!.name, "Fred's Room");
    assert.equal(first!.published, true);
    assert.equal(first!.protected, false);
    assert.equal(first!.state, 'published');
    assert.equal(first!.participants, 3);
    assert.equal(first!.startTime, 1530718721124);
    assert.equal(first!.metadata['gl-listed'], 'false');
    assert.deepEqual(
      first!.formats.map((f) => [f.type, f.length, f.processingTime, f.previewImages.length]),
      [
        ['podcast', 0, 0, 0],
        ['presentation', 0, 7177, 2],
      ],
    );
    assert.deepEqual(first!.formats[1]!.previewImages[0], {
      url: 'https://demo.bigbluebutton.org/presentation/ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124/presentation/d2d9a672040fbde2a47a10bf6c37b6a4b5ae187f-1530718721134/thumbnails/thumb-1.png',
      width: 176,
      height: 136,
      alt: 'Welcome to',
    });
    assert.equal(second!.state, 'unpublished');
    assert.equal(second!.protected, true);
    assert.equal(second!.formats.length, 1, 'a single format is still a list');
    assert.equal(second!.formats[0]!.type, 'video');
    assert.equal(second!.formats[0]!.length, 33);
    assert.equal(second!.formats[0]!.previewImages.length, 1, 'a single image is still a list');
    assert.deepEqual([page.totalElements, page.offset, page.limit], [2, 0, null], 'an unpaged answer is all there is');
  });
  it('reads the total of a paged answer and keeps the asked offset and limit', () => {
    const page = toRecordingsPage(parse(samples.RECORDINGS_PAGED).body, { offset: 2, limit: 1 });
    assert.deepEqual([page.totalElements, page.offset, page.limit], [7, 2, 1]);
    assert.equal(page.recordings.length, 1);
    assert.deepEqual(page.recordings[0]!.formats, []);
    assert.deepEqual(page.recordings[0]!.metadata, {});
  });
  it('reads an early 2.6 <pagination> block', () => {
    const xml = `<response><returncode>SUCCESS</returncode><recordings/><pagination><pageable><offset>10</offset><limit>5</limit></pageable><totalElements>12</totalElements><empty>true</empty></pagination></response>`;
    const page = toRecordingsPage(parse(xml).body, {});
    assert.deepEqual([page.totalElements, page.offset, page.limit, page.recordings.length], [12, 10, 5, 0]);
  });
  it('reads noRecordings as an empty list', () => {
    const page = toRecordingsPage(parse(samples.NO_RECORDINGS).body, {});
    assert.deepEqual(page, { recordings: [], totalElements: 0, offset: 0, limit: null });
  });
  it('derives the state from published when an old server sends none', () => {
    const xml = `<response><returncode>SUCCESS</returncode><recordings><recording><recordID>r</recordID><published>false</published></recording></recordings></response>`;
    assert.equal(toRecordingsPage(parse(xml).body, {}).recordings[0]!.state, 'unpublished');
  });
});
