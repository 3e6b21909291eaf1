import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FfmpegError, parseProgressLine, readableReason, runFfmpegProcess } from '../../../../src/video/ffmpeg/index.js';
import { FFMPEG } from '../../../support/media-fixtures.js';
import { isAlive } from '../../../support/processes.js';

describe('ffmpeg progress lines', () => {
  it('turns out_time_us into a fraction of the duration and ignores other keys', () => {
    assert.equal(parseProgressLine('out_time_us=1500000', 3), 0.5);
    assert.equal(parseProgressLine('out_time_us=9000000', 3), 1, 'capped at 1');
    assert.equal(parseProgressLine('out_time_us=N/A', 3), -1);
    assert.equal(parseProgressLine('out_time_us=1500000'), -1, 'no duration, no fraction');
    assert.equal(parseProgressLine('fps=24.5', 3), -1);
    assert.equal(parseProgressLine('stream_0_0_q=28.0', 3), -1);
    assert.equal(parseProgressLine('progress=continue', 3), -1);
    assert.equal(parseProgressLine('progress=end', 3), 1);
    assert.equal(parseProgressLine('{"streams": []}', 3), null, 'not progress: stdout');
    assert.equal(parseProgressLine('format_name=mp4', 3), null);
  });
});

describe('readable ffmpeg errors', () => {
  it('prefers the OS error and strips component prefixes', () => {
    const reason = readableReason([
      '[hls @ 0x55d5c0a1b2c0] Opening \'seg_002.m4s\' for writing',
      '[hls @ 0x55d5c0a1b2c0] failed to write segment: No space left on device',
      'Conversion failed!',
    ]);
    assert.match(reason!, /^No space left on device/);
    assert.doesNotMatch(reason!, /0x55d5/);
  });

  it('falls back to the last lines', () => {
    assert.equal(readableReason(['[matroska @ 0x1] EBML header parsing failed', 'in.mkv: Invalid data found when processing input']),
      'EBML header parsing failed — in.mkv: Invalid data found when processing input');
    assert.equal(readableReason([]), null);
  });
});

describe('running ffmpeg', () => {
  it('reports monotonic progress reaching 1', async () => {
    const seen: number[] = [];
    await runFfmpegProcess({
      bin: FFMPEG,
      args: ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25:duration=2', '-progress', 'pipe:1', '-nostats', '-f', 'null', '-'],
      durationSeconds: 2,
      onProgress: (f) => seen.push(f),
    });
    assert.ok(seen.length >= 1);
    assert.equal(seen.at(-1), 1);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
  });

  it('throws FfmpegError with the reason ffmpeg gave (disk full)', async () => {
    const err = await runFfmpegProcess({
      bin: FFMPEG,
      args: ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=2', '-f', 'rawvideo', '-y', '/dev/full'],
    }).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof FfmpegError);
    assert.match(err.message, /No space left on device/);
    assert.notEqual(err.exitCode, 0);
    assert.ok(err.lastLines.length > 0);
  });

  it('throws FfmpegError when the binary is missing', async () => {
    const err = await runFfmpegProcess({ bin: '/nonexistent/ffmpeg', args: [] }).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof FfmpegError);
    assert.match(err.message, /cannot start/);
  });

  it('kills ffmpeg when the signal aborts', async () => {
    const controller = new AbortController();
    let pid = 0;
    const run = runFfmpegProcess({
      bin: FFMPEG,
      // An endless source: only the abort can stop it.
      args: ['-hide_banner', '-nostdin', '-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-progress', 'pipe:1', '-nostats', '-f', 'null', '-'],
      durationSeconds: 3600,
      signal: controller.signal,
      onSpawn: (p) => (pid = p),
      onProgress: () => controller.abort(),
    });
    const err = await run.then(() => null, (e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'AbortError');
    assert.ok(pid > 0);
    assert.equal(isAlive(pid), false, 'the ffmpeg process is gone');
  });

  it('does not start when already aborted', async () => {
    let spawned = false;
    const err = await runFfmpegProcess({ bin: FFMPEG, args: ['-version'], signal: AbortSignal.abort(), onSpawn: () => (spawned = true) })
      .then(() => null, (e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.equal(spawned, false);
  });
});
