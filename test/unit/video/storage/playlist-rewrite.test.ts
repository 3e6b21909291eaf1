import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlaylistCache, rewritePlaylist } from '../../../../src/video/media/playlist-rewrite.js';

const sign = async (rel: string) => (rel.includes('missing') ? null : `https://s3.example/b/${rel}?sig=1`);

describe('HLS playlist rewriting for object storage', () => {
  it('presigns segments and the init map relative to the playlist folder, keeps tags and other playlists', async () => {
    const media = ['#EXTM3U', '#EXT-X-MAP:URI="init.mp4"', '#EXTINF:4.0,', 'seg_001.m4s', '#EXTINF:2.5,', 'seg_002.m4s', '#EXT-X-ENDLIST', ''].join('\n');
    const out = await rewritePlaylist(media, '720p/index.m3u8', sign);
    assert.equal(
      out,
      ['#EXTM3U', '#EXT-X-MAP:URI="https://s3.example/b/720p/init.mp4?sig=1"', '#EXTINF:4.0,', 'https://s3.example/b/720p/seg_001.m4s?sig=1', '#EXTINF:2.5,', 'https://s3.example/b/720p/seg_002.m4s?sig=1', '#EXT-X-ENDLIST', ''].join('\n'),
    );
    const master = '#EXTM3U\n#EXT-X-MEDIA:TYPE=SUBTITLES,URI="subs/fr.m3u8"\n#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/index.m3u8\n';
    assert.equal(await rewritePlaylist(master, 'master.m3u8', sign), master, 'playlists come back through Amphi');
  });

  it('leaves absolute URLs and names the storage will not sign as written', async () => {
    const text = '#EXTM3U\nhttps://cdn.example/a.m4s\n/abs.m4s\nmissing.m4s\n';
    assert.equal(await rewritePlaylist(text, 'x/index.m3u8', sign), text);
  });

  it('resolves ../ before signing, so the storage sees (and refuses) the real name', async () => {
    const seen: string[] = [];
    await rewritePlaylist('../source\n../../etc/passwd\n', '720p/index.m3u8', async (rel) => (seen.push(rel), null));
    assert.deepEqual(seen, ['source', '../etc/passwd']);
  });

  it('caches until the given time and drops the oldest beyond its size', () => {
    const cache = new PlaylistCache(2);
    cache.set('a', 'A', 2000);
    assert.equal(cache.get('a', 1000), 'A');
    assert.equal(cache.get('a', 2000), undefined);
    cache.set('b', 'B', 5000);
    cache.set('c', 'C', 5000);
    cache.set('d', 'D', 5000);
    assert.equal(cache.get('b', 0), undefined);
    assert.equal(cache.get('d', 0), 'D');
  });
});
