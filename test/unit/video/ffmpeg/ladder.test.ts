import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { avcCodecString, h264Level, h264Profile, outputFrameRate } from '../../../../src/video/ffmpeg/h264.js';
import { chooseLadder } from '../../../../src/video/ffmpeg/ladder.js';
import type { MediaProbe } from '../../../../src/video/ffmpeg/probe.js';

function source(width: number, height: number, frameRate = 25): MediaProbe {
  return {
    formatName: 'mov,mp4,m4a,3gp,3g2,mj2', durationSeconds: 60, sizeBytes: 1,
    video: { codec: 'h264', width, height, frameRate, rotation: 0 },
    audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
  };
}
const sizes = (p: MediaProbe) => chooseLadder(p).map((r) => `${r.name} ${r.width}x${r.height}`);

describe('rendition ladder', () => {
  it('stops at 1080p for a 4K source', () => {
    assert.deepEqual(sizes(source(3840, 2160)), ['240p 426x240', '360p 640x360', '480p 854x480', '720p 1280x720', '1080p 1920x1080']);
  });

  it('tops out at the source size for 1080p and 720p sources, never upscaling', () => {
    assert.equal(sizes(source(1920, 1080)).at(-1), '1080p 1920x1080');
    assert.deepEqual(sizes(source(1280, 720)), ['240p 426x240', '360p 640x360', '480p 854x480', '720p 1280x720']);
  });

  it('keeps a 4:3 576p source 4:3 and skips 720p', () => {
    assert.deepEqual(sizes(source(768, 576)), ['240p 320x240', '360p 480x360', '480p 640x480']);
  });

  it('gives a source below 240p one rendition at its own even size', () => {
    assert.deepEqual(sizes(source(356, 200)), ['200p 356x200']);
    assert.deepEqual(sizes(source(175, 99)), ['98p 174x98']);
  });

  it('names portrait renditions by their short side and keeps them portrait', () => {
    assert.deepEqual(sizes(source(1080, 1920)), ['240p 240x426', '360p 360x640', '480p 480x854', '720p 720x1280', '1080p 1080x1920']);
  });

  it('makes every dimension even for odd sources', () => {
    for (const [w, h] of [[1001, 563], [721, 405], [333, 241], [1919, 1079]] as const) {
      for (const r of chooseLadder(source(w, h))) {
        assert.equal(r.width % 2, 0, `${w}x${h} → ${r.width}`);
        assert.equal(r.height % 2, 0, `${w}x${h} → ${r.height}`);
        assert.ok(Math.abs(r.width / r.height - w / h) < 0.02, `aspect kept for ${w}x${h} → ${r.width}x${r.height}`);
      }
    }
    assert.deepEqual(sizes(source(1919, 1079)).at(-1), '720p 1280x720');
  });

  it('is empty for audio-only sources', () => {
    assert.deepEqual(chooseLadder({ ...source(1, 1), video: null }), []);
  });

  it('raises the bit rate ceiling for high frame rates, lowest first', () => {
    const at25 = chooseLadder(source(1280, 720, 25));
    const at50 = chooseLadder(source(1280, 720, 50));
    assert.ok(at50[3]!.videoKbps > at25[3]!.videoKbps);
    assert.deepEqual(at25.map((r) => r.videoKbps), [...at25.map((r) => r.videoKbps)].sort((a, b) => a - b));
  });
});

describe('H.264 profile, level and codec strings', () => {
  it('picks the lowest level that fits size and frame rate', () => {
    assert.equal(h264Level(426, 240, 25).name, '3.0');
    assert.equal(h264Level(1280, 720, 30).name, '3.1');
    assert.equal(h264Level(1280, 720, 60).name, '3.2');
    assert.equal(h264Level(1920, 1080, 30).name, '4.0');
    assert.equal(h264Level(1920, 1080, 60).name, '4.2');
  });

  it('writes RFC 6381 strings', () => {
    assert.equal(avcCodecString(h264Profile(640, 360), h264Level(640, 360, 25)), 'avc1.4d401e');
    assert.equal(avcCodecString(h264Profile(1920, 1080), h264Level(1920, 1080, 25)), 'avc1.640028');
  });

  it('halves frame rates above 60 and defaults an unknown one', () => {
    assert.equal(outputFrameRate(120), 60);
    assert.equal(outputFrameRate(29.97), 29.97);
    assert.equal(outputFrameRate(0), 25);
  });
});
