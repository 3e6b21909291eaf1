/**
 * Media on S3 (s3rver on loopback) against local disk:
 *
 *   npm run bench:storage -- [--seconds 20] [--viewers 300] [--minutes 1] [--concurrency 32]
 *
 * Per storage, one Amphi in this process (PGlite in memory, jobs in process, real ffmpeg):
 * (1) upload-to-first-playable: tus upload of a generated clip until learners can play the first
 *     rendition; (2) transcode time: until every rendition is published; (3) Amphi CPU for
 *     `viewers` people each watching `minutes` of the top rendition: every viewer fetches the master
 *     and media playlists, then one segment per segment duration of playback, as fast as the load
 *     generator goes. The load generator and s3rver run in child processes, so process.cpuUsage()
 *     here is Amphi's own work (and the in-process job worker, idle then). Modes:
 *     local: segments streamed by Amphi; s3-presigned: playlists rewritten with presigned URLs,
 *     segments straight from the bucket; s3-redirect: every segment asked from Amphi, which
 *     answers 302 to a presigned URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createResource, launchPerson } from '../../test/support/factories.js';
import { FFMPEG } from '../../test/support/media-fixtures.js';
import { startTestApp } from '../../test/support/test-app.js';
import { ROLE, TestPlatform } from '../../test/support/test-platform.js';
import { uploadVideo, waitForVideo } from '../../test/support/video-client.js';
import { describeMachine, machineLine } from '../support/report.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    viewers: { type: 'string', default: '300' },
    minutes: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '32' },
  },
});
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** A child node running `code` (ES module); its first stdout line is its answer. */
function child(code: string, env: Record<string, string> = {}): { proc: ChildProcess; firstLine: Promise<string>; done: Promise<string> } {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let resolveFirst: (line: string) => void;
  const firstLine = new Promise<string>((r) => (resolveFirst = r));
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('\n')) resolveFirst(out.split('\n')[0]!);
  });
  const done = new Promise<string>((resolve, reject) => proc.on('exit', (c) => (c === 0 ? resolve(out) : reject(new Error(`child exited ${c}`)))));
  return { proc, firstLine, done };
}

const S3RVER = `
import S3rver from 's3rver';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: process.env.DIR });
const { port } = await server.run();
const client = new S3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:' + port, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
console.log(port);
`;

/** Viewers: master → top media playlist → one segment per segment duration of playback (cycling). */
const LOAD = `
const { MASTER, VIEWERS, MINUTES, CONCURRENCY, REDIRECT } = process.env;
let amphi = 0, bucket = 0, bytes = 0, errors = 0;
const get = async (url) => {
  const res = await fetch(url, { redirect: 'manual' });
  if (url.startsWith(MASTER.slice(0, MASTER.indexOf('/media/')))) amphi++; else bucket++;
  if (res.status === 302) { await res.arrayBuffer(); return get(res.headers.get('location')); }
  if (res.status !== 200) { errors++; await res.arrayBuffer(); return ''; }
  const body = Buffer.from(await res.arrayBuffer());
  bytes += body.length;
  return body.toString('latin1');
};
async function viewer() {
  const master = await get(MASTER);
  const variant = master.split('\\n').filter((l) => l.endsWith('.m3u8')).at(-1);
  const playlistUrl = new URL(variant, MASTER).href;
  const playlist = await get(playlistUrl);
  const lines = playlist.split('\\n');
  const durations = lines.filter((l) => l.startsWith('#EXTINF:')).map((l) => parseFloat(l.slice(8)));
  let segments = lines.filter((l) => l && !l.startsWith('#')).map((u) => new URL(u, playlistUrl).href);
  // Redirect mode: the segment asked from Amphi by name, as a player with unrewritten playlists would.
  if (REDIRECT === '1') segments = segments.map((u) => new URL(new URL(u).pathname.split('/').pop(), playlistUrl).href);
  const perMinute = Math.round(60 / (durations.reduce((a, b) => a + b, 0) / durations.length));
  const init = /URI="([^"]+)"/.exec(playlist)?.[1];
  if (init) await get(REDIRECT === '1' ? new URL(new URL(init, playlistUrl).pathname.split('/').pop(), playlistUrl).href : new URL(init, playlistUrl).href);
  return { segments, count: perMinute * Number(MINUTES) };
}
const started = Date.now();
const plans = [];
for (let i = 0; i < Number(VIEWERS); i += Number(CONCURRENCY)) plans.push(...(await Promise.all(Array.from({ length: Math.min(Number(CONCURRENCY), Number(VIEWERS) - i) }, viewer))));
const queue = plans.flatMap((p) => Array.from({ length: p.count }, (_, k) => p.segments[k % p.segments.length]));
let next = 0;
await Promise.all(Array.from({ length: Number(CONCURRENCY) }, async () => { while (next < queue.length) await get(queue[next++]); }));
console.log(JSON.stringify({ amphi, bucket, bytes, errors, segments: queue.length, wallMs: Date.now() - started }));
`;

async function makeClip(seconds: number): Promise<string> {
  const file = path.join(os.tmpdir(), `amphi-storage-bench-${seconds}s.mp4`);
  if (fs.existsSync(file)) return file;
  const ffmpeg = spawn(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=s=640x360:r=25:d=${seconds}`, '-f', 'lavfi', '-i', `sine=f=440:d=${seconds}`, '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-shortest', '-y', file]);
  await new Promise((resolve, reject) => ffmpeg.on('exit', (c) => (c === 0 ? resolve(null) : reject(new Error(`ffmpeg ${c}`)))));
  return file;
}

interface ModeResult {
  storage: 'local' | 's3';
  firstPlayableMs: number;
  transcodeMs: number;
  load: { mode: string; cpuMs: number; wallMs: number; amphiRequests: number; bucketRequests: number; segments: number; errors: number; mib: number }[];
}

async function runStorage(storage: 'local' | 's3', clip: string, s3Env: Record<string, string>): Promise<ModeResult> {
  const app = await startTestApp({ ...(storage === 's3' ? s3Env : {}), JOBS_POLL_MS: '100', LOG_LEVEL: 'silent' });
  const platform = await TestPlatform.start();
  try {
    await app.register(platform);
    const teacher = await launchPerson(app.ctx.db, platform, app.url, { sub: 'teacher', roles: [ROLE.instructor] });
    const learner = await launchPerson(app.ctx.db, platform, app.url, { sub: 'learner', roles: [ROLE.learner] });
    const resource = await createResource(app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
    const started = Date.now();
    const upload = await uploadVideo(app.url, teacher.token, resource.id, clip);
    if (upload.status !== 204) throw new Error(`upload answered ${upload.status}`);
    const uploadedAt = Date.now();
    await waitForVideo(app.url, learner.token, resource.id, (v) => v.status === 'ready', 600_000);
    const firstPlayableMs = Date.now() - started;
    const ready = await waitForVideo(app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null, 600_000);
    const transcodeMs = Date.now() - uploadedAt;
    log(`${storage}: first playable ${firstPlayableMs} ms, transcoded ${transcodeMs} ms`);
    const modes = storage === 'local' ? ['local'] : ['s3-presigned', 's3-redirect'];
    const load: ModeResult['load'] = [];
    for (const mode of modes) {
      const before = process.cpuUsage();
      const gen = child(LOAD, { MASTER: ready.media!.masterUrl, VIEWERS: args.viewers!, MINUTES: args.minutes!, CONCURRENCY: args.concurrency!, REDIRECT: mode === 's3-redirect' ? '1' : '0' });
      const out = JSON.parse((await gen.done).trim()) as { amphi: number; bucket: number; bytes: number; errors: number; segments: number; wallMs: number };
      const cpu = process.cpuUsage(before);
      load.push({ mode, cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: out.wallMs, amphiRequests: out.amphi, bucketRequests: out.bucket, segments: out.segments, errors: out.errors, mib: out.bytes / 1024 ** 2 });
      log(`${mode}: ${JSON.stringify(load.at(-1))}`);
    }
    return { storage, firstPlayableMs, transcodeMs, load };
  } finally {
    await app.close();
    await platform.close();
  }
}

const clip = await makeClip(Number(args.seconds));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-s3rver-bench-'));
const s3 = child(S3RVER, { DIR: dir });
// Killed at the end: its exit is expected.
s3.done.catch(() => undefined);
const port = Number(await s3.firstLine);
const s3Env = { MEDIA_STORAGE: 's3', S3_BUCKET: 'bench', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };
try {
  const results = [await runStorage('local', clip, s3Env), await runStorage('s3', clip, s3Env)];
  const machine = machineLine(describeMachine());
  const lines = [
    `Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}. Clip: ${args.seconds} s 640x360 (240p + 360p renditions); ${args.viewers} viewers × ${args.minutes} min of the top rendition, ${args.concurrency} requests at once.`,
    '',
    '| storage | upload → first playable | transcode (upload done → all renditions) |',
    '|---|---|---|',
    ...results.map((r) => `| ${r.storage} | ${(r.firstPlayableMs / 1000).toFixed(1)} s | ${(r.transcodeMs / 1000).toFixed(1)} s |`),
    '',
    '| playback | Amphi CPU | requests to Amphi | requests to the bucket | segments | MiB | errors | wall |',
    '|---|---|---|---|---|---|---|---|',
    ...results.flatMap((r) => r.load).map((l) => `| ${l.mode} | ${(l.cpuMs / 1000).toFixed(2)} s | ${l.amphiRequests} | ${l.bucketRequests} | ${l.segments} | ${l.mib.toFixed(0)} | ${l.errors} | ${(l.wallMs / 1000).toFixed(1)} s |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  s3.proc.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
