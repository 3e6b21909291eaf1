import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  audioPassArgs, downloadArgs, FfmpegError, imagesArgs, probeMedia, transcodeMedia, videoPassArgs, type MediaProbe, type TranscodeOutput,
} from '../../../../src/video/ffmpeg/index.js';
import { FFMPEG, FFPROBE, ffprobeJson, generateClip, mediaFixtureDir } from '../../../support/media-fixtures.js';

const tools = { ffmpegPath: FFMPEG, ffprobePath: FFPROBE };
let outputs = 0;
const newOutputDir = () => path.join(mediaFixtureDir(), `out-${++outputs}`);

async function transcodeClip(clip: Parameters<typeof generateClip>[0]) {
  const input = await generateClip(clip);
  const probe = await probeMedia(input, tools);
  const outputDir = newOutputDir();
  const progress: { fraction: number; label: string }[] = [];
  const firsts: { output: TranscodeOutput; master: string; files: string[] }[] = [];
  const output = await transcodeMedia({
    input, outputDir, probe, ffmpegPath: FFMPEG,
    onProgress: (fraction, label) => progress.push({ fraction, label }),
    onFirstRendition: async (partial) => {
      firsts.push({ output: partial, master: fs.readFileSync(path.join(outputDir, partial.master), 'utf8'), files: listFiles(outputDir) });
    },
  });
  return { input, probe, outputDir, output, progress, firsts };
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

function segmentDurations(outputDir: string, playlist: string): number[] {
  return fs.readFileSync(path.join(outputDir, playlist), 'utf8').split('\n')
    .filter((l) => l.startsWith('#EXTINF:')).map((l) => Math.round(Number(l.slice(8).replace(',', '')) * 10) / 10);
}

async function imageSize(file: string): Promise<string> {
  const s = (await ffprobeJson(file)).streams[0];
  return `${s.width}x${s.height}`;
}

function assertMonotonicToOne(progress: { fraction: number }[]): void {
  const fractions = progress.map((p) => p.fraction);
  assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b), 'progress never goes back');
  assert.equal(fractions.at(-1), 1);
  assert.ok(fractions.filter((f) => f > 0 && f < 1).length >= 2, 'intermediate progress reported');
}

describe('ffmpeg inputs', () => {
  // A source is recognised by its content: ffmpeg must never open it as a playlist of URLs or files.
  it('limits every input of every run to local files and, for sources, to self-contained containers', () => {
    const probe: MediaProbe = { formatName: 'mov', durationSeconds: 10, sizeBytes: 1, video: { codec: 'h264', width: 640, height: 360, frameRate: 25, rotation: 0 }, audio: { codec: 'aac', channels: 2, sampleRate: 48000 } };
    const runs = {
      video: videoPassArgs({ input: 'in', outputDir: 'out', probe, renditions: [{ name: '360p', width: 640, height: 360, videoKbps: 800, audioKbps: 96 }] }),
      audio: audioPassArgs({ input: 'in', outputDir: 'out', probe, kbps: 96, poster: 'p.jpg' }),
      images: imagesArgs({ input: 'in', outputDir: 'out', durationSeconds: 10, poster: { file: 'p.jpg', width: 64, height: 36 }, thumbnails: ['a.jpg', 'b.jpg'], thumbnailSize: { width: 32, height: 18 } }),
      download: downloadArgs('out', '360p/index.m3u8', 'download.mp4'),
    };
    for (const [name, args] of Object.entries(runs)) {
      const inputs = args.flatMap((a, i) => (a === '-i' ? [i] : []));
      assert.ok(inputs.length >= 1, name);
      for (const i of inputs) {
        const options = args.slice(0, i);
        const last = (flag: string) => options[options.lastIndexOf(flag) + 1];
        assert.ok(options.lastIndexOf('-protocol_whitelist') > Math.max(...inputs.filter((j) => j < i)), `${name}: -i at ${i} has its own whitelist`);
        assert.equal(last('-protocol_whitelist'), 'file', name);
        const formats = last('-format_whitelist')!.split(',');
        assert.ok(!formats.some((f) => ['concat', 'dash', 'sdp', 'rtsp', 'image2', 'tee', 'data'].includes(f)), `${name}: ${formats}`);
        assert.equal(formats.includes('hls'), name === 'download', `${name}: only the playlist ffmpeg wrote itself is HLS`);
      }
    }
  });
});

describe('transcodeMedia', () => {
  it('turns an 854x480 clip into an aligned 240p/360p/480p ladder with download, poster, thumbnails and storyboard', async () => {
    const { outputDir, output, progress, firsts } = await transcodeClip({ width: 854, height: 480, seconds: 6 });
    assert.deepEqual(output.renditions.map((r) => `${r.name} ${r.width}x${r.height}`), ['240p 428x240', '360p 640x360', '480p 854x480']);
    assert.equal(output.audioOnly, false);

    // Every rendition plays, at its size, and cuts its segments at the same instants.
    const durations = output.renditions.map((r) => segmentDurations(outputDir, r.playlist));
    assert.ok(durations[0]!.length >= 2, `several segments: ${durations[0]}`);
    for (const [i, r] of output.renditions.entries()) {
      const probe = await ffprobeJson(path.join(outputDir, r.playlist));
      const video = probe.streams.find((s: any) => s.codec_type === 'video');
      assert.equal(`${video.width}x${video.height}`, `${r.width}x${r.height}`);
      assert.equal(video.codec_name, 'h264');
      assert.equal(video.pix_fmt, 'yuv420p');
      assert.ok(probe.streams.some((s: any) => s.codec_type === 'audio' && s.codec_name === 'aac'));
      assert.deepEqual(durations[i], durations[0], `${r.name} segments aligned with ${output.renditions[0]!.name}`);
      assert.ok(r.bandwidth > 0);
    }

    const master = fs.readFileSync(path.join(outputDir, output.master), 'utf8');
    for (const r of output.renditions) {
      assert.match(master, new RegExp(`#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=\\d+,RESOLUTION=${r.width}x${r.height},CODECS="avc1\\.[0-9a-f]{6},mp4a\\.40\\.2",FRAME-RATE=25\\.000\\n${r.playlist}\\n`));
    }

    const download = await ffprobeJson(path.join(outputDir, output.download!));
    assert.deepEqual(download.streams.map((s: any) => s.codec_name).sort(), ['aac', 'h264']);
    assert.ok(Math.abs(Number(download.format.duration) - 6) < 0.3, download.format.duration);
    const bytes = fs.readFileSync(path.join(outputDir, output.download!));
    assert.ok(bytes.indexOf('moov') < bytes.indexOf('mdat'), 'faststart: index before data');

    assert.equal(await imageSize(path.join(outputDir, output.poster)), '854x480');
    assert.equal(output.thumbnails.length, 5);
    for (const t of output.thumbnails) assert.equal(await imageSize(path.join(outputDir, t)), '320x180');
    const sb = output.storyboard!;
    assert.deepEqual([sb.tileWidth, sb.tileHeight, sb.intervalSeconds], [160, 90, 1]);
    assert.equal(await imageSize(path.join(outputDir, sb.image)), `${6 * 160}x90`);
    const cues = fs.readFileSync(path.join(outputDir, sb.vtt), 'utf8');
    assert.match(cues, /^WEBVTT\n/);
    assert.equal(cues.match(/storyboard\.jpg#xywh=\d+,0,160,90/g)?.length, 6);
    assert.match(cues, /00:00:05\.000 --> 00:00:06\.000\nstoryboard\.jpg#xywh=800,0,160,90/);

    // Published first: the lowest rendition alone, already playable.
    assert.equal(firsts.length, 1);
    assert.deepEqual(firsts[0]!.output.renditions.map((r) => r.name), ['240p']);
    assert.equal(firsts[0]!.output.download, null);
    assert.equal(firsts[0]!.master.match(/#EXT-X-STREAM-INF/g)?.length, 1);
    assert.ok(firsts[0]!.files.includes('240p/index.m3u8') && firsts[0]!.files.includes('poster.jpg'));
    assert.ok(!firsts[0]!.files.some((f) => f.startsWith('480p/seg')), 'the rest comes later');

    assertMonotonicToOne(progress);
    assert.ok(progress.some((p) => p.label === 'Encoding 360p, 480p'));
  });

  it('gives a 320x240 clip one 240p rendition without upscaling', async () => {
    const { outputDir, output, firsts } = await transcodeClip({ width: 320, height: 240, seconds: 3 });
    assert.deepEqual(output.renditions.map((r) => `${r.name} ${r.width}x${r.height}`), ['240p 320x240']);
    assert.equal(firsts.length, 1);
    const master = fs.readFileSync(path.join(outputDir, output.master), 'utf8');
    assert.match(master, /RESOLUTION=320x240,CODECS="avc1\.4d401e,mp4a\.40\.2"/);
    assert.equal(await imageSize(path.join(outputDir, output.poster)), '320x240');
  });

  it('still makes every picture for a clip shorter than a second', async () => {
    const { outputDir, output } = await transcodeClip({ seconds: 0.6 });
    assert.deepEqual(output.renditions.map((r) => `${r.name} ${r.width}x${r.height}`), ['180p 320x180']);
    assert.equal(await imageSize(path.join(outputDir, output.storyboard!.image)), '160x90');
    assert.match(fs.readFileSync(path.join(outputDir, output.storyboard!.vtt), 'utf8'), /00:00:00\.000 --> 00:00:00\.600\nstoryboard\.jpg#xywh=0,0,160,90/);
    for (const file of [output.poster, ...output.thumbnails]) assert.ok(fs.statSync(path.join(outputDir, file)).size > 0, file);
  });

  it('keeps a rotated phone video upright (portrait renditions)', async () => {
    const { outputDir, output } = await transcodeClip({ width: 320, height: 180, rotation: 90, seconds: 2 });
    assert.deepEqual(output.renditions.map((r) => `${r.width}x${r.height}`), ['180x320']);
    const video = (await ffprobeJson(path.join(outputDir, output.renditions[0]!.playlist))).streams.find((s: any) => s.codec_type === 'video');
    assert.equal(`${video.width}x${video.height}`, '180x320');
    assert.equal(await imageSize(path.join(outputDir, output.poster)), '180x320');
  });

  it('packages audio-only sources as one AAC rendition with a waveform poster and an m4a download', async () => {
    const { outputDir, output, progress, firsts } = await transcodeClip({ container: 'm4a', seconds: 3 });
    assert.equal(output.audioOnly, true);
    assert.deepEqual(output.renditions.map((r) => r.playlist), ['audio/index.m3u8']);
    assert.deepEqual(output.thumbnails, []);
    assert.equal(output.storyboard, null);
    assert.equal(output.download, 'download.m4a');
    assert.equal(firsts.length, 1);
    const master = fs.readFileSync(path.join(outputDir, output.master), 'utf8');
    assert.match(master, /#EXT-X-STREAM-INF:BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,CODECS="mp4a\.40\.2"\naudio\/index\.m3u8/);
    const rendition = await ffprobeJson(path.join(outputDir, 'audio/index.m3u8'));
    assert.deepEqual(rendition.streams.map((s: any) => s.codec_name), ['aac']);
    const download = await ffprobeJson(path.join(outputDir, 'download.m4a'));
    assert.deepEqual(download.streams.map((s: any) => s.codec_type), ['audio']);
    assert.equal(await imageSize(path.join(outputDir, output.poster)), '1280x360');
    assertMonotonicToOne(progress);
  });

  it('writes only inside its output folder', async () => {
    const { input, outputDir } = await transcodeClip({ width: 320, height: 240, seconds: 2 });
    const siblings = fs.readdirSync(path.dirname(input)).filter((f) => f.startsWith(path.basename(input)) && f !== path.basename(input));
    assert.deepEqual(siblings, []);
    assert.ok(listFiles(outputDir).every((f) => !f.startsWith('..')));
  });

  it('stops ffmpeg when aborted and rejects', async () => {
    const input = await generateClip({ width: 854, height: 480, seconds: 20 });
    const probe = await probeMedia(input, tools);
    const outputDir = newOutputDir();
    const controller = new AbortController();
    const err = await transcodeMedia({
      input, outputDir, probe, ffmpegPath: FFMPEG, signal: controller.signal,
      onProgress: (fraction, label) => label.startsWith('Encoding') && fraction > 0.05 && controller.abort(),
    }).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'AbortError');
    assert.deepEqual(ffmpegProcessesWriting(outputDir), [], 'no ffmpeg left writing into the folder');
    assert.ok(!fs.existsSync(path.join(outputDir, 'download.mp4')));
  });

  it('throws FfmpegError with ffmpeg\'s reason, without server paths, when the source cannot be read', async () => {
    const probe: MediaProbe = {
      formatName: 'mp4', durationSeconds: 3, sizeBytes: 1000,
      video: { codec: 'h264', width: 320, height: 240, frameRate: 25, rotation: 0 }, audio: null,
    };
    const input = path.join(mediaFixtureDir(), 'vanished.mp4');
    const err = await transcodeMedia({ input, outputDir: newOutputDir(), probe, ffmpegPath: FFMPEG }).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof FfmpegError, String(err));
    assert.match(err.message, /No such file or directory/);
    assert.ok(!err.message.includes(mediaFixtureDir()), err.message);
  });
});

/** Processes whose command line mentions the folder (Linux /proc). */
function ffmpegProcessesWriting(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(dir)) found.push(`${pid}: ${cmd.replaceAll('\0', ' ').slice(0, 80)}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
