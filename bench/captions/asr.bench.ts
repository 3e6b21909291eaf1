/**
 * Speech recognition: how fast `transcribeMedia` turns a recording into words, in one chunk and
 * in parallel chunks, and how accurately (WER against the reference text).
 *
 *   npm run bench:captions-asr -- [--runs 5] [--chunks 1,2] [--decoder-args "-maxwpf 10"] [--variants] [--write]
 *
 * Audio: Debian's pocketsphinx-testdata, the five LibriVox recordings (24.7 s of read English)
 * joined with 0.8 s of silence, muxed with a small H.264 picture into an MP4 (AAC), as a lecture
 * upload would be. Engine: pocketsphinx_continuous with the en-us model (the only engine that
 * can run here; Vosk models cannot be downloaded on this machine).
 *
 * Per run and chunk count: wall time of the whole call, of the audio step (extraction + split)
 * and of recognition; CPU time of the children; WER. Real-time factor (RTF) = recognition wall
 * time ÷ audio duration (aim ≤ 0.25 on 2 cores). Chunk counts alternate order from run to run.
 * The machine is shared: each run also measures the CPU other processes used meanwhile
 * (/proc/stat minus ours), and runs go on until each chunk count has --runs quiet ones (others
 * < 0.25 core), at most 3 × --runs attempts; the table is computed on the quiet runs.
 * Also measured: pocketsphinx's fixed cost per process (model loading, on 0.5 s of silence), and
 * the cost of finding silences: levels from the PCM in JS vs an ffmpeg silencedetect pass, on a
 * 10-minute WAV. --variants tries decoder options that trade accuracy for speed (one chunk).
 * --write replaces the "Captions — speech recognition" section of bench/RESULTS.md.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { PocketsphinxEngine } from '../../src/captions/asr/pocketsphinx-engine.js';
import { frameLevels } from '../../src/captions/asr/silence-split.js';
import { SpeechEngines } from '../../src/captions/asr/speech-engines.js';
import { transcribeMedia } from '../../src/captions/asr/transcribe-media.js';
import { DEFAULT_CUE_LIMITS } from '../../src/captions/format/cue.js';
import { buildCues } from '../../src/captions/format/cue-builder.js';
import { checkCues } from '../../src/captions/format/cue-rules.js';
import { joinedLibrivox, librivoxText, POCKETSPHINX_PRESENT } from '../../test/support/librivox.js';
import { wordErrorRate } from '../../test/support/word-error-rate.js';
import { describeMachine, machineLine } from '../support/report.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const run = promisify(execFile);

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    chunks: { type: 'string', default: '1,2' },
    'decoder-args': { type: 'string', default: '' },
    variants: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const chunkCounts = args.chunks.split(',').map(Number);
const decoderArgs = args['decoder-args'].split(/\s+/).filter(Boolean);

/** Decoder options tried with --variants (pocketsphinx 5prealpha names; defaults in brackets). */
const VARIANTS: [string, string[]][] = [
  ['defaults', []],
  ['-ds 2 (frame downsampling) [1]', ['-ds', '2']],
  ['-topn 2 (Gaussians scored) [4]', ['-topn', '2']],
  ['-maxwpf 5 (words per frame) [-1]', ['-maxwpf', '5']],
  ['-maxhmmpf 3000 (HMMs per frame) [30000]', ['-maxhmmpf', '3000']],
  ['-pl_window 10 (phone lookahead) [5]', ['-pl_window', '10']],
  ['-fwdflat no (second pass) [yes]', ['-fwdflat', 'no']],
  ['-bestpath no (lattice pass) [yes]', ['-bestpath', 'no']],
  ['-fwdflat no -bestpath no', ['-fwdflat', 'no', '-bestpath', 'no']],
];

interface Sample {
  chunks: number;
  /** Cores other processes kept busy during the run. */
  otherCores: number;
  wallMs: number;
  audioMs: number;
  recognitionMs: number;
  cpuMs: number;
  wer: number;
  /** Cues buildCues made of the words, and how many of them are within the limits (checkCues). */
  cues: number;
  cuesWithin: number;
}

/** CPU time of this process's waited-for children (cutime + cstime), ms. */
function childrenCpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** Busy CPU time of the whole machine (all cores), ms, from /proc/stat (USER_HZ = 100). */
function machineBusyMs(): number {
  const [, ...f] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f as number[];
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * 10;
}

const ownCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 + childrenCpuMs(); };
const QUIET_CORES = 0.25;

async function measure(input: string, work: string, chunks: number, engineArgs: string[]): Promise<Sample & { durationSeconds: number }> {
  const workDir = fs.mkdtempSync(path.join(work, `run-${chunks}-`));
  const engines = new SpeechEngines([new PocketsphinxEngine({ decoderArgs: engineArgs })]);
  const cpu0 = childrenCpuMs();
  const own0 = ownCpuMs();
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  let recognitionStart = 0;
  const result = await transcribeMedia({
    input, lang: 'en', engines, ffmpegPath: FFMPEG, workDir, concurrency: chunks, minChunkSeconds: chunks > 1 ? 5 : 20,
    onProgress: (f, label) => { if (label === 'recognition' && f === 0) recognitionStart = performance.now(); },
  });
  const end = performance.now();
  const otherCores = Math.max(0, machineBusyMs() - busy0 - (ownCpuMs() - own0)) / (end - t0);
  fs.rmSync(workDir, { recursive: true, force: true });
  if (result.chunks !== chunks) throw new Error(`asked for ${chunks} chunks, got ${result.chunks}`);
  const cues = buildCues(result.words, DEFAULT_CUE_LIMITS, { lang: 'en', mediaEnd: result.durationSeconds });
  const outside = new Set(checkCues(cues, DEFAULT_CUE_LIMITS).map((w) => w.index)).size;
  return {
    cues: cues.length, cuesWithin: cues.length - outside,
    chunks, otherCores, durationSeconds: result.durationSeconds, wallMs: end - t0, audioMs: recognitionStart - t0, recognitionMs: end - recognitionStart,
    cpuMs: childrenCpuMs() - cpu0, wer: wordErrorRate(librivoxText(), result.words.map((w) => w.word)),
  };
}

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const spread = (v: number[]) => `${Math.min(...v).toFixed(3)}–${Math.max(...v).toFixed(3)}`;

async function wallOf(fn: () => Promise<unknown>, times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) { const t0 = performance.now(); await fn(); out.push(performance.now() - t0); }
  return out;
}

function ffmpeg(argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG, ['-hide_banner', '-nostdin', ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(err.slice(-400)))));
  });
}

async function main(): Promise<void> {
  if (!POCKETSPHINX_PRESENT) throw new Error('pocketsphinx_continuous and pocketsphinx-testdata are needed (apt-get install pocketsphinx pocketsphinx-en-us pocketsphinx-testdata)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-asr-bench-'));
  const load0 = os.loadavg();
  try {
    const wav = await joinedLibrivox(FFMPEG, path.join(work, 'joined.wav'));
    const mp4 = await joinedLibrivox(FFMPEG, path.join(work, 'lecture.mp4'));

    log('pocketsphinx fixed cost per process (0.5 s of silence)');
    const silence = path.join(work, 'silence.wav');
    await ffmpeg(['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '0.5', '-bitexact', '-c:a', 'pcm_s16le', silence]);
    const startup = await wallOf(() => new PocketsphinxEngine({ decoderArgs }).recognize(silence, {}), 5);

    log('silence detection on 10 minutes: levels in JS vs ffmpeg silencedetect');
    const long = path.join(work, 'long.wav');
    await ffmpeg(['-v', 'error', '-stream_loop', '-1', '-i', wav, '-t', '600', '-bitexact', '-c:a', 'pcm_s16le', long]);
    const jsLevels = await wallOf(() => frameLevels(long), 3);
    const silencedetect = await wallOf(() => ffmpeg(['-v', 'info', '-i', long, '-af', 'silencedetect=noise=-35dB:d=0.3', '-f', 'null', '-']), 3);

    const samples: Sample[] = [];
    let durationSeconds = 0;
    await measure(mp4, work, 1, decoderArgs); // warm the page cache and the model files
    const quiet = (chunks: number) => samples.filter((x) => x.chunks === chunks && x.otherCores < QUIET_CORES).length;
    for (let r = 0; r < 3 * runs && chunkCounts.some((c) => quiet(c) < runs); r++) {
      const order = r % 2 ? [...chunkCounts].reverse() : chunkCounts;
      for (const chunks of order) {
        const s = await measure(mp4, work, chunks, decoderArgs);
        durationSeconds = s.durationSeconds;
        samples.push(s);
        log(`run ${r + 1}, ${chunks} chunk(s): RTF ${(s.recognitionMs / 1000 / s.durationSeconds).toFixed(3)}, wall ${(s.wallMs / 1000).toFixed(2)} s, WER ${s.wer.toFixed(3)}, other processes ${s.otherCores.toFixed(2)} cores`);
      }
    }

    const variants: { name: string; rtf: number; wer: number; cpuMs: number }[] = [];
    if (args.variants) {
      for (const [name, extra] of VARIANTS) {
        const tries = [await measure(mp4, work, 1, extra), await measure(mp4, work, 1, extra)];
        variants.push({ name, rtf: median(tries.map((t) => t.recognitionMs / 1000 / t.durationSeconds)), wer: tries[0]!.wer, cpuMs: median(tries.map((t) => t.cpuMs)) });
        log(`variant ${name}: RTF ${variants.at(-1)!.rtf.toFixed(3)}, WER ${variants.at(-1)!.wer.toFixed(3)}`);
      }
    }

    const section = formatSection({ samples, durationSeconds, startup, jsLevels, silencedetect, variants, load0, load1: os.loadavg() });
    process.stdout.write(`${section}\n`);
    if (args.write) writeSection(section);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface Report {
  samples: Sample[];
  durationSeconds: number;
  startup: number[];
  jsLevels: number[];
  silencedetect: number[];
  variants: { name: string; rtf: number; wer: number; cpuMs: number }[];
  load0: number[];
  load1: number[];
}

async function pocketsphinxVersion(): Promise<string> {
  const { stdout } = await run('dpkg-query', ['-W', '-f', '${Version}', 'pocketsphinx']).catch(() => ({ stdout: '?' }));
  return stdout.trim();
}

/** Share of the generated cues within the limits, over the runs: must be 100 %. */
function within(samples: Sample[]): string {
  const cues = samples.reduce((n, x) => n + x.cues, 0);
  const ok = samples.reduce((n, x) => n + x.cuesWithin, 0);
  return `${((ok / cues) * 100).toFixed(1)} % (${ok} / ${cues})`;
}

function formatSection(r: Report): string {
  const d = r.durationSeconds;
  const rows = chunkCounts.map((chunks) => {
    const all = r.samples.filter((x) => x.chunks === chunks);
    const quiet = all.filter((x) => x.otherCores < QUIET_CORES);
    const s = quiet.length ? quiet : all;
    const allRtf = all.map((x) => x.recognitionMs / 1000 / d);
    const rtf = s.map((x) => x.recognitionMs / 1000 / d);
    const total = s.map((x) => x.wallMs / 1000 / d);
    return `| ${chunks} | ${quiet.length} / ${all.length} | ${median(rtf).toFixed(3)} (${spread(rtf)}) | ${median(allRtf).toFixed(3)} (${spread(allRtf)}) | ${median(total).toFixed(3)} (${spread(total)}) | ${(median(s.map((x) => x.audioMs)) / 1000).toFixed(2)} s | ${(median(s.map((x) => x.cpuMs)) / 1000 / d).toFixed(3)} | ${median(s.map((x) => x.wer)).toFixed(3)} (${spread(s.map((x) => x.wer))}) | ${within(all)} |`;
  });
  const perHour = (ms: number[]) => `${((median(ms) / 1000) * 6).toFixed(2)} s`;
  const lines = [
    '<!-- captions-asr-bench:begin (generated by bench/captions/asr.bench.ts; edit outside these markers) -->',
    '## Captions — speech recognition',
    '',
    `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} · \`npm run bench:captions-asr -- ${process.argv.slice(2).join(' ')}\` · ${machineLine(describeMachine())}, pocketsphinx ${pocketsphinxVersion.cached} · load average before ${r.load0.map((x) => x.toFixed(1)).join(' / ')}, after ${r.load1.map((x) => x.toFixed(1)).join(' / ')}`,
    '',
    `Input: the five LibriVox recordings of Debian's pocketsphinx-testdata joined with 0.8 s silences, ${d.toFixed(2)} s, in an MP4 (AAC 64 kb/s + 160x90 H.264), through \`transcribeMedia\` (extraction to 16 kHz WAV, split at silences, pocketsphinx_continuous en-us per chunk${decoderArgs.length ? `, decoder options \`${decoderArgs.join(' ')}\`` : ', default decoder options'}). Runs alternate the chunk counts after one warm-up; a run is *quiet* when other processes on this shared machine used < ${QUIET_CORES} core meanwhile (/proc/stat minus ours); figures are medians (min–max) of the quiet runs, except the *all runs* column. RTF = recognition wall time ÷ audio duration; *whole call* includes extraction and split.`,
    '',
    '| chunks in parallel | quiet runs / runs | RTF recognition (quiet runs) | RTF recognition (all runs) | RTF whole call | audio step (extract + split) | CPU s per audio s | WER | cues within the limits (all runs) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `- pocketsphinx's fixed cost per process (loading the en-us acoustic model, language model and dictionary; 0.5 s of silence): median ${(median(r.startup) / 1000).toFixed(2)} s (${spread(r.startup.map((x) => x / 1000))}).`,
    `- Finding silences in 10 min of 16 kHz PCM: levels computed in JS from the WAV ${(median(r.jsLevels) / 1000).toFixed(3)} s (≈ ${perHour(r.jsLevels)} per hour) vs an ffmpeg \`silencedetect=noise=-35dB:d=0.3\` pass ${(median(r.silencedetect) / 1000).toFixed(3)} s (≈ ${perHour(r.silencedetect)} per hour): silence-split.ts reads the PCM.`,
  ];
  if (r.variants.length) {
    lines.push('', 'Decoder options, one chunk, median of 2 (--variants):', '', '| options | RTF recognition | CPU s per audio s | WER |', '|---|---:|---:|---:|',
      ...r.variants.map((v) => `| ${v.name} | ${v.rtf.toFixed(3)} | ${(v.cpuMs / 1000 / d).toFixed(3)} | ${v.wer.toFixed(3)} |`));
  }
  lines.push('<!-- captions-asr-bench:end -->');
  return lines.join('\n');
}
pocketsphinxVersion.cached = '?';

function writeSection(section: string): void {
  const file = path.join(REPO, 'bench/RESULTS.md');
  const text = fs.readFileSync(file, 'utf8');
  const begin = text.indexOf('<!-- captions-asr-bench:begin');
  const endMarker = '<!-- captions-asr-bench:end -->';
  const end = text.indexOf(endMarker);
  const next = begin >= 0 && end > begin ? text.slice(0, begin) + section + text.slice(end + endMarker.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  log('bench/RESULTS.md updated');
}

pocketsphinxVersion.cached = await pocketsphinxVersion();
await main();
