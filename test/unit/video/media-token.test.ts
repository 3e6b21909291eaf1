import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mediaExpiry, signMediaToken, verifyMediaToken } from '../../../src/video/media/media-token.js';
import { contentDisposition } from '../../../src/video/media/media.service.js';
import { LocalMediaStorage } from '../../../src/video/storage/media-storage.js';
import { parseTusMetadata } from '../../../src/video/upload/upload.service.js';
import { formatBytes, parseUploadLimit } from '../../../src/video/byte-size.js';
import { downloadFileName } from '../../../src/video/video-response.js';

const key = Buffer.alloc(32, 3);
const grant = { mediaId: 'm-1', platformId: 'p-1', exp: 2_000_000_000 };

describe('signed media tokens', () => {
  it('verifies its own tokens and keeps the download name', () => {
    assert.deepEqual(verifyMediaToken(key, signMediaToken(key, grant), 1_000), { ok: true, grant });
    const dl = signMediaToken(key, { ...grant, download: 'Cours 1.mp4' });
    assert.deepEqual(verifyMediaToken(key, dl, 1_000), { ok: true, grant: { ...grant, download: 'Cours 1.mp4' } });
  });
  it('refuses expired, forged, other-key and malformed tokens', () => {
    assert.deepEqual(verifyMediaToken(key, signMediaToken(key, grant), grant.exp + 1), { ok: false, reason: 'expired' });
    const [body, mac] = signMediaToken(key, grant).split('.');
    const longer = Buffer.from(JSON.stringify({ m: 'm-1', p: 'p-1', e: grant.exp + 1 })).toString('base64url');
    assert.equal(verifyMediaToken(key, `${longer}.${mac}`, 1_000).ok, false);
    assert.deepEqual(verifyMediaToken(Buffer.alloc(32, 4), `${body}.${mac}`, 1_000), { ok: false, reason: 'forged' });
    for (const bad of ['', 'abc', `${body}.${mac}.x`, `${body}.`]) assert.equal(verifyMediaToken(key, bad, 1_000).ok, false, bad);
  });
  it('rounds expiries up to the quarter hour so that URLs stay stable for a while', () => {
    const exp = mediaExpiry(3600, 1_000_000_000_000);
    assert.equal(exp % 900, 0);
    assert.ok(exp >= 1_000_000_000 + 3600 && exp < 1_000_000_000 + 3600 + 900);
  });
});

describe('media storage paths', () => {
  const storage = new LocalMediaStorage('/data');
  it('resolves files inside the output directory only', () => {
    assert.equal(storage.resolveOutput('p1', 'm1', '360p/seg_001.m4s'), '/data/media/p1/m1/out/360p/seg_001.m4s');
    for (const bad of ['../source', '360p/../../source', '.hidden', '/etc/passwd', '']) assert.equal(storage.resolveOutput('p1', 'm1', bad), null, bad);
    assert.throws(() => storage.resolveOutput('../p', 'm1', 'master.m3u8'));
  });
});

describe('upload and download helpers', () => {
  it('parses tus metadata', () => {
    const header = `resourceId ${Buffer.from('r-1').toString('base64')},filename ${Buffer.from('Cours é.mp4').toString('base64')},flag`;
    assert.deepEqual(parseTusMetadata(header), { resourceId: 'r-1', filename: 'Cours é.mp4', flag: '' });
    assert.deepEqual(parseTusMetadata(undefined), {});
  });
  it('formats sizes for people', () => {
    // Binary units, as limits are set and as the tool writes them: a 5 GiB limit is "5 GiB", not "5.4 GB".
    assert.equal(formatBytes(5000), '4.9\u00a0KiB');
    assert.equal(formatBytes(5 * 1024 ** 3), '5\u00a0GiB');
    assert.equal(formatBytes(33_030_144), '31.5\u00a0MiB');
    assert.equal(formatBytes(12), '12\u00a0B');
    assert.equal(formatBytes(5 * 1024 ** 3, 'fr'), '5\u00a0Gio');
    assert.equal(formatBytes(33_030_144, 'fr'), '31,5\u00a0Mio');
  });
  it('parses the CLI’s upload limits', () => {
    assert.equal(parseUploadLimit('2GB'), 2e9);
    assert.equal(parseUploadLimit('1.5 GiB'), 1.5 * 1024 ** 3);
    assert.equal(parseUploadLimit('default'), null);
    for (const bad of ['', 'lots', '-1GB', '12', '3 XB']) assert.equal(parseUploadLimit(bad), undefined, bad);
  });
  it('names downloads after the title, safely', () => {
    assert.equal(downloadFileName('Cours 1 : probabilités', 'download.mp4'), 'Cours 1 probabilités.mp4');
    assert.equal(downloadFileName('a/b\\c"d', 'download.m4a'), 'a b c d.m4a');
    assert.equal(downloadFileName('   ', 'download.mp4'), 'video.mp4');
    assert.equal(contentDisposition('Été.mp4'), `attachment; filename="Ete.mp4"; filename*=UTF-8''%C3%89t%C3%A9.mp4`);
  });
});
