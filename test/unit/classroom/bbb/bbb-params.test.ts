import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { encodeQuery } from '../../../../src/classroom/bbb/bbb-checksum.js';
import { createQuery, getRecordingsQuery, joinQuery, presentationModulesXml, updateRecordingsQuery } from '../../../../src/classroom/bbb/bbb-params.js';

describe('BBB call parameters', () => {
  it('create: API names, booleans as literals, meta_ prefix, nothing for unset options', () => {
    const query = new URLSearchParams(
      encodeQuery(
        createQuery({
          name: 'Cours de chimie',
          meetingID: 'amphi-1',
          record: true,
          lockSettingsDisableCam: false,
          guestPolicy: 'ALWAYS_DENY',
          duration: 0,
          meta: { endCallbackUrl: 'https://amphi.example/cb?t=a&b', 'bbb-recording-ready-url': 'https://amphi.example/rr' },
        }),
      ),
    );
    assert.deepEqual([...query.keys()], [
      'name',
      'meetingID',
      'record',
      'duration',
      'guestPolicy',
      'lockSettingsDisableCam',
      'meta_endCallbackUrl',
      'meta_bbb-recording-ready-url',
    ]);
    assert.equal(query.get('record'), 'true');
    assert.equal(query.get('lockSettingsDisableCam'), 'false');
    assert.equal(query.get('meta_endCallbackUrl'), 'https://amphi.example/cb?t=a&b');
  });
  it('join: role, userID, createTime, redirect (true unless said), userdata-*', () => {
    const query = new URLSearchParams(
      encodeQuery(joinQuery({ fullName: 'Zoé', meetingID: 'amphi-1', role: 'VIEWER', userID: 'lti-user-7', createTime: 1700000000000, userdata: { bbb_auto_join_audio: 'true' } })),
    );
    assert.equal(query.get('role'), 'VIEWER');
    assert.equal(query.get('userID'), 'lti-user-7');
    assert.equal(query.get('createTime'), '1700000000000');
    assert.equal(query.get('redirect'), 'true');
    assert.equal(query.get('userdata-bbb_auto_join_audio'), 'true');
    assert.equal(query.has('password'), false);
    const noRedirect = new URLSearchParams(encodeQuery(joinQuery({ fullName: 'Zoé', meetingID: 'm', role: 'MODERATOR', redirect: false })));
    assert.equal(noRedirect.get('redirect'), 'false');
  });
  it('getRecordings and updateRecordings: comma lists, meta_ filters, paging, protect', () => {
    const query = encodeQuery(getRecordingsQuery({ meetingID: ['a', 'b'], state: ['published', 'unpublished'], meta: { 'amphi-course': '12' }, offset: 20, limit: 10 }));
    assert.equal(query, 'meetingID=a%2Cb&state=published%2Cunpublished&meta_amphi-course=12&offset=20&limit=10');
    assert.equal(encodeQuery(getRecordingsQuery({})), '');
    assert.equal(encodeQuery(updateRecordingsQuery(['r1', 'r2'], { meta: { name: 'Séance 1' }, protect: true })), 'recordID=r1%2Cr2&meta_name=S%C3%A9ance+1&protect=true');
  });
  it('presentation modules: one <document> per file, attributes escaped', () => {
    const xml = presentationModulesXml([
      { url: 'https://amphi.example/p?a=1&b="2"', filename: "cours <1>'.pdf" },
      { url: 'https://amphi.example/q', filename: 'b.pptx' },
    ]);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    assert.equal(parsed.modules.module.name, 'presentation');
    assert.deepEqual(parsed.modules.module.document, [
      { url: 'https://amphi.example/p?a=1&b="2"', filename: "cours <1>'.pdf" },
      { url: 'https://amphi.example/q', filename: 'b.pptx' },
    ]);
  });
});
