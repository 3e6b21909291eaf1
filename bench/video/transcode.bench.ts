/**
 * Video transcoding: our ladder against the same ffmpeg commands run by hand and against
 * Esup-Pod's public encoding settings, on the same source, in the same run.
 *
 *   npm run bench:video -- [--seconds 60] [--height 1080] [--noise 12] [--preset faster] [--crf 23]
 *                          [--skip-pod] [--write] [--keep] [--source FILE]
 *
 * Source: `testsrc2` (moving gradients, text, a counter) with temporal noise (`noise=alls=N:allf=t+u`)
 * so every frame carries fresh detail, as camera grain and lecture-hall lighting do: testsrc2 alone
 * is flat colour an encoder predicts for free, which would flatter every setting. Stored as
 * near-lossless H.264 (crf 10) + AAC, the reference for SSIM.
 *
 * Measures: (1) `transcodeMedia` wall time, CPU time of its ffmpeg children, time to the first
 * playable rendition; (2) the exact commands it ran, replayed sequentially from a plain spawn
 * (overhead of our Node wrapper; aim ≤ 1.05); (3) Esup-Pod (EsupPortail/Esup-Pod,
 * pod/video_encode_transcript/encoding_settings.py + Encoding_video.py: libx264 -preset slow
 * -crf 20 -profile high -level 3, keyframe every 1 s, maxrate = bufsize 1000k/3000k/4500k for
 * 360p/720p/1080p, AAC 96k/128k/192k at 48 kHz, HLS 2 s segments single_file, all HLS renditions
 * in one ffmpeg run, then the 360p and 720p MP4s in a second run, as Pod's get_hls_command and
 * get_mp4_command build them); SSIM of both 1080p against the source, output sizes, time ratios.
 * --write replaces the "Video" section of bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { probeMedia, transcodeMedia, X264_CRF, X264_PRESET } from '../../src/video/ffmpeg/index.js';
import { describeMachine, machineLine } from '../support/report.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? '/usr/bin/ffprobe';
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    height: { type: 'string', default: '1080' },
    noise: { type: 'string', default: '12' },
    preset: { type: 'string', default: X264_PRESET },
    crf: { type: 'string', default: String(X264_CRF) },
    'skip-pod': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    /** Reuse a source made by an earlier run (--keep), skipping the generation. */
    source: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const height = Number(args.height);
const width = Math.round((height * 16) / 9 / 2) * 2;

interface Timed { wallMs: number; cpuMs: number }

/** CPU time of this process's waited-for children (cutime + cstime), ms. */
function childrenCpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

async function timed<T>(fn: () => Promise<T>): Promise<Timed & { value: T }> {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const value = await fn();
  return { value, wallMs: performance.now() - t0, cpuMs: childrenCpuMs() - cpu0 };
}

function run(bin: string, argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`${bin} ${code}: ${err.slice(-500)}`))));
  });
}

const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`);
const shell = (bin: string, argv: string[]) => [bin, ...argv].map(quote).join(' ');

function dirBytes(dir: string, filter: (f: string) => boolean = () => true): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath ?? e.path, e.name);
    if (e.isFile() && filter(path.relative(dir, full))) total += fs.statSync(full).size;
  }
  return total;
}

async function ssim(distorted: string, reference: string): Promise<number> {
  const out = await run(FFMPEG, ['-hide_banner', '-nostdin', '-i', distorted, '-i', reference, '-lavfi',
    // Compared at the source size (a smaller rendition is scaled up as a player would).
    `[0:v]setpts=PTS-STARTPTS,scale=${width}:${height}:flags=bicubic[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]ssim`, '-f', 'null', '-']);
  const m = /SSIM .*All:([\d.]+)/.exec(out);
  if (!m) throw new Error(`no SSIM in ffmpeg output: ${out.slice(-300)}`);
  return Number(m[1]);
}

function podCommands(input: string, out: string): string[][] {
  const renditions = [
    { h: 360, maxrate: '1000k', ba: '96k', mp4: true },
    { h: 720, maxrate: '3000k', ba: '128k', mp4: true },
    { h: 1080, maxrate: '4500k', ba: '192k', mp4: false },
  ];
  const common = ['-c:v', 'libx264', '-preset', 'slow', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-level', '3', '-crf', '20',
    '-sc_threshold', '0', '-force_key_frames', 'expr:gte(t,n_forced*1)', '-c:a', 'aac', '-ar', '48000', '-max_muxing_queue_size', '4000'];
  const hls = ['-hide_banner', '-v', 'error', '-threads', '0', '-i', input];
  for (const r of renditions) {
    hls.push(...common, '-vf', `scale=-2:${r.h}`, '-maxrate', r.maxrate, '-bufsize', r.maxrate, '-b:a:0', r.ba,
      '-hls_playlist_type', 'vod', '-hls_time', '2', '-hls_flags', 'single_file', '-master_pl_name', `livestream${r.h}.m3u8`, '-y', path.join(out, `${r.h}p.m3u8`));
  }
  const mp4 = ['-hide_banner', '-v', 'error', '-threads', '0', '-i', input];
  for (const r of renditions.filter((x) => x.mp4)) {
    mp4.push('-map', '0:v:0', '-map', '0:a:0', '-c:v', 'libx264', '-vf', `scale=-2:${r.h}`, '-preset', 'slow', '-profile:v', 'high',
      '-pix_fmt', 'yuv420p', '-level', '3', '-crf', '20', '-maxrate', r.maxrate, '-bufsize', r.maxrate, '-sc_threshold', '0',
      '-force_key_frames', 'expr:gte(t,n_forced*1)', '-max_muxing_queue_size', '4000', '-c:a', 'aac', '-ar', '48000', '-b:a', r.ba,
      '-movflags', 'faststart', '-y', '-vsync', '0', path.join(out, `${r.h}p.mp4`));
  }
  return [hls, mp4];
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-video-bench-'));
  workDir = work;
  const load0 = os.loadavg();
  try {
    const source = args.source ?? path.join(work, 'source.mp4');
    if (!args.source) log(`generating a ${seconds} s ${width}x${height} source (testsrc2 + temporal noise ${args.noise})`);
    if (!args.source) await run(FFMPEG, ['-hide_banner', '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=25:duration=${seconds}`,
      '-f', 'lavfi', '-i', `sine=frequency=330:beep_factor=3:sample_rate=48000:duration=${seconds}`,
      '-vf', `noise=alls=${args.noise}:allf=t+u`, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '192k', '-ac', '2', '-movflags', '+faststart', '-y', source]);
    const probe = await probeMedia(source, { ffmpegPath: FFMPEG, ffprobePath: FFPROBE });

    // (1) Ours, through transcodeMedia, recording the commands it runs.
    const ours = path.join(work, 'ours');
    const commands: string[][] = [];
    let firstMs = 0;
    const t0 = performance.now();
    log('(1) transcodeMedia');
    const oursRun = await timed(() => transcodeMedia({
      input: source, outputDir: ours, probe, ffmpegPath: FFMPEG, encoder: { preset: args.preset, crf: Number(args.crf) },
      logger: { info: () => {}, warn: () => {}, debug: (o: { args?: string[] }) => o.args && commands.push(o.args) },
      onFirstRendition: async () => void (firstMs = performance.now() - t0),
    }));

    // (2) The same commands from a plain spawn, one after the other.
    log('(2) the same commands by hand');
    const byHand = path.join(work, 'by-hand');
    const handCommands = commands.map((c) => c.map((a) => a.split(ours).join(byHand)).filter((a) => a !== 'pipe:1'));
    for (const c of handCommands) { const i = c.indexOf('-progress'); if (i >= 0) c.splice(i, 1); }
    for (const d of ['thumbs', ...oursRun.value.renditions.map((r) => r.name)]) fs.mkdirSync(path.join(byHand, d), { recursive: true });
    const handRun = await timed(async () => { for (const c of handCommands) await run(FFMPEG, c); });

    // (3) Esup-Pod.
    let pod: (Timed & { bytes: number; hlsBytes: number; ssim: number; commands: string[][] }) | null = null;
    if (!args['skip-pod']) {
      log('(3) Esup-Pod settings');
      const podDir = path.join(work, 'pod');
      fs.mkdirSync(podDir);
      const cmds = podCommands(source, podDir);
      const podRun = await timed(async () => { for (const c of cmds) await run(FFMPEG, c); });
      log('SSIM Pod top rendition');
      const podSsim = await ssim(path.join(podDir, '1080p.m3u8'), source);
      pod = { ...podRun, bytes: dirBytes(podDir), hlsBytes: dirBytes(podDir, (f) => !f.endsWith('.mp4')), ssim: podSsim, commands: cmds };
    }
    log('SSIM ours top rendition');
    const top = oursRun.value.renditions.at(-1)!;
    const oursSsim = await ssim(path.join(ours, top.playlist), source);
    const oursBytes = dirBytes(ours);
    const oursHls = dirBytes(ours, (f) => f.endsWith('.m4s') || f.endsWith('.mp4') && f.includes('/') || f.endsWith('.m3u8'));

    const report = formatReport({
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), load0, load1: os.loadavg(), sourceBytes: fs.statSync(source).size,
      ours: { ...oursRun, firstMs, bytes: oursBytes, hlsBytes: oursHls, ssim: oursSsim, renditions: oursRun.value.renditions.map((r) => `${r.name} ${Math.round(r.bandwidth / 1000)} kb/s`) },
      hand: handRun, handCommands, pod,
    });
    process.stdout.write(`${report}\n`);
    if (args.write) writeSection(report);
  } finally {
    if (!args.keep) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

interface ReportInput {
  date: string; load0: number[]; load1: number[]; sourceBytes: number;
  ours: Timed & { firstMs: number; bytes: number; hlsBytes: number; ssim: number; renditions: string[] };
  hand: Timed; handCommands: string[][];
  pod: (Timed & { bytes: number; hlsBytes: number; ssim: number; commands: string[][] }) | null;
}

let workDir = '';
/** Printed commands name the bench's temp folder `$WORK`. */
const readable = (command: string) => (workDir ? command.split(workDir).join('$WORK') : command);

function formatReport(r: ReportInput): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '–');
  const lines = [
    '<!-- video-bench:begin (generated by bench/video/transcode.bench.ts; edit outside these markers) -->',
    '## Video transcoding (issue 5)',
    '',
    `${r.date} · \`npm run bench:video -- ${process.argv.slice(2).join(' ')}\` · ${machineLine(describeMachine())}, ffmpeg 5.1 · load average before ${r.load0.map((x) => x.toFixed(1)).join(' / ')}, after ${r.load1.map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min; the machine is shared, wall times inflate with load, CPU times much less)`,
    '',
    `Source: ${seconds} s ${width}x${height} 25 fps, testsrc2 + temporal noise (alls=${args.noise}), AAC stereo; ${mb(r.sourceBytes)}. Ours: x264 \`-preset ${args.preset} -crf ${args.crf}\` capped by each rung's maxrate, ${r.ours.renditions.join(', ')}.`,
    '',
    '| | ours (transcodeMedia) | same commands by hand | Esup-Pod settings | ours / by hand | ours / Pod |',
    '|---|---:|---:|---:|---:|---:|',
    `| wall time | ${s(r.ours.wallMs)} | ${s(r.hand.wallMs)} | ${r.pod ? s(r.pod.wallMs) : '–'} | ${ratio(r.ours.wallMs, r.hand.wallMs)} | ${r.pod ? ratio(r.ours.wallMs, r.pod.wallMs) : '–'} |`,
    `| ffmpeg CPU time | ${s(r.ours.cpuMs)} | ${s(r.hand.cpuMs)} | ${r.pod ? s(r.pod.cpuMs) : '–'} | ${ratio(r.ours.cpuMs, r.hand.cpuMs)} | ${r.pod ? ratio(r.ours.cpuMs, r.pod.cpuMs) : '–'} |`,
    `| first playable rendition | ${s(r.ours.firstMs)} | | (at the end) | | |`,
    `| output size, everything | ${mb(r.ours.bytes)} | | ${r.pod ? mb(r.pod.bytes) : '–'} | | ${r.pod ? ratio(r.ours.bytes, r.pod.bytes) : '–'} |`,
    `| output size, HLS only | ${mb(r.ours.hlsBytes)} | | ${r.pod ? mb(r.pod.hlsBytes) : '–'} | | ${r.pod ? ratio(r.ours.hlsBytes, r.pod.hlsBytes) : '–'} |`,
    `| SSIM of the top rendition (${height}p) vs source | ${r.ours.ssim.toFixed(4)} | | ${r.pod ? r.pod.ssim.toFixed(4) : '–'} | | |`,
    '',
    'Commands (by hand, in order):',
    '',
    '```sh',
    ...r.handCommands.map((c) => readable(shell('ffmpeg', c))),
    '```',
  ];
  if (r.pod) lines.push('', 'Esup-Pod commands:', '', '```sh', ...r.pod.commands.map((c) => readable(shell('ffmpeg', c))), '```');
  lines.push('<!-- video-bench:end -->');
  return lines.join('\n');
}

function writeSection(section: string): void {
  const file = path.join(REPO, 'bench/RESULTS.md');
  const text = fs.readFileSync(file, 'utf8');
  const begin = text.indexOf('<!-- video-bench:begin');
  const endMarker = '<!-- video-bench:end -->';
  const end = text.indexOf(endMarker);
  const next = begin >= 0 && end > begin
    ? text.slice(0, begin) + section + text.slice(end + endMarker.length)
    : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  log('bench/RESULTS.md updated');
}

await main();
