import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksum, encodeQuery, signedCallUrl } from '../../../../src/classroom/bbb/bbb-checksum.js';

// The docs' worked example (https://docs.bigbluebutton.org/development/api/#usage); the digests of
// the other algorithms were computed over the same string with coreutils' sha256sum/sha384sum/sha512sum.
const DOCS_QUERY = 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444';
const DOCS_SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';

describe('BBB checksum', () => {
  it('matches the docs example for sha1', () => {
    assert.equal(checksum('sha1', 'create', DOCS_QUERY, DOCS_SECRET), '1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17');
  });
  it('computes sha256, sha384 and sha512 over the same string', () => {
    assert.equal(checksum('sha256', 'create', DOCS_QUERY, DOCS_SECRET), 'da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e');
    assert.equal(
      checksum('sha384', 'create', DOCS_QUERY, DOCS_SECRET),
      '891ac633df39d0a1b4f8d597f3e190833216c4b29c4fb51ea3ca72757eeb958d6e7b49a845cf29f5c6019c7d29d029d1',
    );
    assert.equal(
      checksum('sha512', 'create', DOCS_QUERY, DOCS_SECRET),
      'de73ad61d11a5c801b68d4bd6ec5248546085cefb0b25c85f3c46249ea93a3a4b120f92c0a8a58d7512cb77821884951a3b01245f3435dbbef49fff3cc3988b4',
    );
  });
  it('signs an empty query string as callName + secret', () => {
    assert.equal(checksum('sha1', 'getMeetings', '', 'secret'), '867e6596b930651c0cd4dd1912bec902fae56d5a');
  });
  it('changes with the call name, a single character of the query, or the secret', () => {
    const base = checksum('sha256', 'create', DOCS_QUERY, DOCS_SECRET);
    assert.notEqual(checksum('sha256', 'join', DOCS_QUERY, DOCS_SECRET), base);
    assert.notEqual(checksum('sha256', 'create', DOCS_QUERY.replace('abc123', 'abc124'), DOCS_SECRET), base);
    assert.notEqual(checksum('sha256', 'create', DOCS_QUERY, `${DOCS_SECRET}x`), base);
  });
});

describe('BBB query strings', () => {
  it('rebuilds the docs example exactly (spaces as +, order kept)', () => {
    const query = encodeQuery([
      ['name', 'Test Meeting'],
      ['meetingID', 'abc123'],
      ['attendeePW', '111222'],
      ['moderatorPW', '333444'],
    ]);
    assert.equal(query, DOCS_QUERY);
  });
  it('percent-encodes UTF-8, reserved characters and quotes; leaves out undefined and null; booleans as true/false', () => {
    const query = encodeQuery([
      ['fullName', "Renée O'Brien"],
      ['meetingID', 'amphi-x'],
      ['role', 'VIEWER'],
      ['userID', undefined],
      ['avatarURL', null],
      ['welcome', 'a&b=c?d/e#f%g+h,i'],
      ['record', false],
      ['duration', 0],
      ['name', '日本語 😀'],
    ]);
    assert.equal(
      query,
      'fullName=Ren%C3%A9e+O%27Brien&meetingID=amphi-x&role=VIEWER&welcome=a%26b%3Dc%3Fd%2Fe%23f%25g%2Bh%2Ci&record=false&duration=0&name=%E6%97%A5%E6%9C%AC%E8%AA%9E+%F0%9F%98%80',
    );
    // What a server decodes is what was given.
    const decoded = new URLSearchParams(query);
    assert.equal(decoded.get('fullName'), "Renée O'Brien");
    assert.equal(decoded.get('welcome'), 'a&b=c?d/e#f%g+h,i');
    assert.equal(decoded.get('name'), '日本語 😀');
    assert.equal(decoded.has('userID'), false);
  });
  it('signs the very string it sends: checksum recomputed from the URL matches', () => {
    const query = encodeQuery([
      ['fullName', "Renée O'Brien"],
      ['meetingID', 'amphi-x'],
      ['role', 'VIEWER'],
    ]);
    const url = signedCallUrl('https://bbb.example.org/bigbluebutton/api/', 'join', query, 'secret', 'sha256');
    assert.ok(url.startsWith(`https://bbb.example.org/bigbluebutton/api/join?${query}&checksum=`));
    const raw = url.slice(url.indexOf('?') + 1);
    const sent = raw.replace(/&checksum=[0-9a-f]+$/, '');
    assert.equal(sent, query);
    assert.equal(raw.slice(raw.lastIndexOf('=') + 1), '836918413a706adb268c1266a78d2de96c09aa816b1ec8ffe387f68ae342ef3a');
  });
  it('puts the checksum alone when the query string is empty', () => {
    assert.equal(
      signedCallUrl('http://h/bigbluebutton/api/', 'getMeetings', '', 'secret', 'sha1'),
      'http://h/bigbluebutton/api/getMeetings?checksum=867e6596b930651c0cd4dd1912bec902fae56d5a',
    );
  });
});
