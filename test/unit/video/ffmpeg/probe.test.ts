import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MediaProbeError, probeMedia, type MediaProbeReason } from '../../../../src/video/ffmpeg/index.js';
import {
  corruptFile, FFMPEG, FFPROBE, generateClip, mediaFixtureDir, runFfmpeg, truncateFile, writeFakeFile,
} from '../../../support/media-fixtures.js';

const tools = { ffmpegPath: FFMPEG, ffprobePath: FFPROBE };

async function refusal(file: string): Promise<MediaProbeError> {
  const err = await probeMedia(file, tools).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof MediaProbeError, `expected a MediaProbeError, got ${String(err)}`);
  assert.ok(err.detail.length > 10, 'a readable detail');
  assert.ok(!err.detail.includes(mediaFixtureDir()), 'the detail does not leak server paths');
  return err;
}

async function assertRefused(file: string, reason: MediaProbeReason): Promise<void> {
  const err = await refusal(file);
  assert.equal(err.reason, reason, err.detail);
}

describe('probeMedia: accepted files', () => {
  it('describes an mp4 with H.264 video and AAC audio', async () => {
    const file = await generateClip();
    const probe = await probeMedia(file, tools);
    assert.match(probe.formatName, /mp4/);
    assert.ok(Math.abs(probe.durationSeconds - 3) < 0.1, `${probe.durationSeconds}`);
    assert.equal(probe.sizeBytes, (await fs.stat(file)).size);
    assert.deepEqual(probe.video, { codec: 'h264', width: 320, height: 180, frameRate: 25, rotation: 0 });
    assert.equal(probe.audio?.codec, 'aac');
    assert.equal(probe.audio?.sampleRate, 48000);
    assert.ok(probe.audio!.channels >= 1);
  });

  for (const [container, videoCodec, audioCodec] of [['mkv', 'h264', 'aac'], ['webm', 'vp8', 'opus'], ['mov', 'h264', 'aac']] as const) {
    it(`reads ${container}`, async () => {
      const probe = await probeMedia(await generateClip({ container }), tools);
      assert.equal(probe.video?.codec, videoCodec);
      assert.equal(probe.audio?.codec, audioCodec);
      assert.equal(probe.video?.width, 320);
    });
  }

  it('accepts audio-only m4a and wav', async () => {
    for (const container of ['m4a', 'wav'] as const) {
      const probe = await probeMedia(await generateClip({ container }), tools);
      assert.equal(probe.video, null, container);
      assert.equal(probe.audio?.codec, container === 'wav' ? 'pcm_s16le' : 'aac');
      assert.ok(probe.durationSeconds > 2.9, `${container}: ${probe.durationSeconds}`);
    }
  });

  it('reports the display size of a rotated video', async () => {
    const probe = await probeMedia(await generateClip({ rotation: 90 }), tools);
    assert.ok([90, 270].includes(probe.video!.rotation), `rotation ${probe.video!.rotation}`);
    assert.equal(probe.video!.width, 180);
    assert.equal(probe.video!.height, 320);
  });

  it('trusts the content, not the extension', async () => {
    const probe = await probeMedia(await generateClip({ container: 'mkv', name: 'really-matroska.mp4' }), tools);
    assert.match(probe.formatName, /matroska/);
  });

  it('accepts a video without sound', async () => {
    const probe = await probeMedia(await generateClip({ audio: false }), tools);
    assert.equal(probe.audio, null);
    assert.equal(probe.video?.codec, 'h264');
  });
});

describe('probeMedia: refused files', () => {
  it('refuses an empty file', async () => {
    await assertRefused(await writeFakeFile('empty.mp4', ''), 'empty');
  });

  it('refuses a text file named .mp4 and random bytes', async () => {
    await assertRefused(await writeFakeFile('notes.mp4', 'This is not a video, just some text.\n'.repeat(50)), 'not-media');
    await assertRefused(await writeFakeFile('noise.mov', 64 * 1024), 'not-media');
  });

  it('refuses an mp4 cut short, index first (its end is missing)', async () => {
    const clip = await generateClip();
    const size = (await fs.stat(clip)).size;
    await assertRefused(await truncateFile(clip, Math.floor(size * 0.6)), 'truncated');
  });

  it('refuses an mp4 cut short before its index (moov atom at the end, never written)', async () => {
    const clip = await generateClip({ faststart: false });
    const size = (await fs.stat(clip)).size;
    await assertRefused(await truncateFile(clip, Math.floor(size * 0.6)), 'truncated');
  });

  it('refuses a file whose video packets are damaged', async () => {
    const clip = await generateClip();
    const data = await fs.readFile(clip);
    const mdat = data.indexOf('mdat');
    assert.ok(mdat > 0);
    await assertRefused(await corruptFile(clip, mdat + 2000, 4000), 'undecodable');
  });

  // Decision: a still image is not a video. Teachers get a clear reason rather than a
  // 3-second "video" of one frame; slides belong in a document resource.
  it('refuses a still image', async () => {
    const png = path.join(mediaFixtureDir(), 'still.png');
    await runFfmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=64x64', '-frames:v', '1', png]);
    const err = await refusal(png);
    assert.equal(err.reason, 'no-streams');
    assert.match(err.detail, /still image/);
  });

  it('refuses playlists that would make ffmpeg read other files of the server (hls, concat)', async () => {
    // Another platform's video on the same disk: a playlist naming it must not become this upload.
    const other = await generateClip({ seconds: 2 });
    const hls = await writeFakeFile('lecture.mp4', `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\n${other}\n#EXT-X-ENDLIST\n`);
    const err = await refusal(hls);
    assert.equal(err.reason, 'not-media', err.detail);
    const concat = await writeFakeFile('lecture2.mp4', `ffconcat version 1.0\nfile '${other}'\n`);
    assert.equal((await refusal(concat)).reason, 'not-media');
    // Nor may the refusal tell whether the named file exists: playlists are never opened at all.
    const text = await refusal(await writeFakeFile('text.mp4', 'Some text, not a video.\n'.repeat(20)));
    const missing = await writeFakeFile('lecture3.mp4', `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\n${other}.missing.mp4\n#EXT-X-ENDLIST\n`);
    assert.equal(err.detail, text.detail);
    assert.equal((await refusal(missing)).detail, text.detail);
  });

  it('refuses DASH manifests and SDP descriptions (which name URLs and network streams) as any other non-video', async () => {
    const text = await refusal(await writeFakeFile('text2.mp4', 'Some text, not a video.\n'.repeat(20)));
    const mpd = await writeFakeFile('manifest', `<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="1000" codecs="avc1.42c01e"><BaseURL>${await generateClip({ seconds: 2 })}</BaseURL></Representation></AdaptationSet></Period></MPD>\n`);
    const sdp = await writeFakeFile('session', 'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 9 RTP/AVP 96\na=rtpmap:96 H264/90000\n');
    for (const file of [mpd, sdp]) {
      const err = await refusal(file);
      assert.equal(err.reason, 'not-media');
      assert.equal(err.detail, text.detail);
    }
  });

  it('refuses a container holding only subtitles', async () => {
    const srt = await writeFakeFile('only.srt', '1\n00:00:00,000 --> 00:00:02,000\nHello\n');
    const mkv = path.join(mediaFixtureDir(), 'subtitles-only.mkv');
    await runFfmpeg(['-v', 'error', '-y', '-i', srt, '-c:s', 'srt', mkv]);
    const err = await refusal(mkv);
    assert.equal(err.reason, 'no-streams');
    assert.match(err.detail, /subtitle/);
  });
});
