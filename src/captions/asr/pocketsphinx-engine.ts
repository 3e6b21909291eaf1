/**
 * English recognition with Debian's `pocketsphinx_continuous` (0.8+5prealpha): one process per
 * WAV, words and times from its `-time yes` output. It is the engine tests can run for real
 * (no Vosk model can be downloaded where Amphi is built); servers with a Vosk English model
 * prefer that one (speech-engines.ts).
 *
 * Times in its output are absolute from the start of the file across utterances (checked on
 * recordings joined with silences), so no per-utterance offset is added here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SpeechEngine, TimedWord } from './speech-engine.js';
import { abortError, SpeechEngineUnavailableError } from './speech-engine-error.js';
import { assertSpeechWav, readWavInfo, WavFormatError } from './wav.js';

export const POCKETSPHINX_BINARY = '/usr/bin/pocketsphinx_continuous';
/** Debian's `pocketsphinx-en-us`: acoustic model in en-us/, language model and dictionary beside it. */
export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxOptions {
  /** Absolute path, or a name looked up in PATH. */
  binary?: string;
  /** Folder holding en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. */
  modelDir?: string;
  /** Each overrides the file derived from modelDir. */
  hmm?: string;
  lm?: string;
  dict?: string;
  /** More decoder options, e.g. ['-maxwpf', '10'] (the benchmark tries some; none is set by default). */
  decoderArgs?: string[];
  /** Grace between SIGTERM and SIGKILL when stopped. */
  killAfterMs?: number;
  /** Called with each child's pid (logs, tests that check the child is gone). */
  onSpawn?: (pid: number) => void;
}

export class PocketsphinxEngine implements SpeechEngine {
  readonly name = 'pocketsphinx' as const;
  readonly lang = 'en';
  readonly binary: string;
  readonly hmm: string;
  readonly lm: string;
  readonly dict: string;
  private checked: Promise<string> | null = null;

  constructor(private readonly o: PocketsphinxOptions = {}) {
    const modelDir = o.modelDir ?? POCKETSPHINX_MODEL_DIR;
    this.binary = o.binary ?? POCKETSPHINX_BINARY;
    this.hmm = o.hmm ?? path.join(modelDir, 'en-us');
    this.lm = o.lm ?? path.join(modelDir, 'en-us.lm.bin');
    this.dict = o.dict ?? path.join(modelDir, 'cmudict-en-us.dict');
  }

  /**
   * Checks the binary and the model files are there (with `-logfn /dev/null` pocketsphinx says
   * nothing about a missing model; without it, it says it among 300 lines). Resolves with the
   * binary's path. A success is kept; a failure is checked again next time.
   */
  load(): Promise<string> {
    this.checked ??= this.findProblems().then((binary) => binary, (err: unknown) => {
      this.checked = null;
      throw err;
    });
    return this.checked;
  }

  /** Nothing to free: each recognition is its own process. */
  close(): void {}

  async recognize(wavPath: string, options: { signal?: AbortSignal } = {}): Promise<TimedWord[]> {
    const { signal } = options;
    if (signal?.aborted) throw abortError(signal, 'speech recognition');
    const binary = await this.load();
    const info = await readWavInfo(wavPath);
    assertSpeechWav(info, wavPath);
    // pocketsphinx_continuous skips exactly 44 bytes of a .wav and reads the rest as samples.
    if (info.dataOffset !== 44) throw new WavFormatError(`${wavPath}: its samples start at byte ${info.dataOffset}, pocketsphinx_continuous needs a 44-byte header`);
    const stdout = await this.run(binary, [
      '-infile', wavPath, '-time', 'yes', '-hmm', this.hmm, '-lm', this.lm, '-dict', this.dict, ...(this.o.decoderArgs ?? []),
    ], signal);
    return parsePocketsphinxOutput(stdout);
  }

  private async findProblems(): Promise<string> {
    const problems: string[] = [];
    const binary = await findExecutable(this.binary);
    if (!binary) problems.push(`the program ${this.binary} (Debian package pocketsphinx) is missing or not executable`);
    for (const [what, file] of [['acoustic model', path.join(this.hmm, 'mdef')], ['language model', this.lm], ['dictionary', this.dict]] as const) {
      if (!(await isFile(file))) problems.push(`its ${what} ${file} is missing (Debian package pocketsphinx-en-us)`);
    }
    if (problems.length) throw new SpeechEngineUnavailableError(`pocketsphinx (en) is unavailable: ${problems.join('; ')}`);
    return binary!;
  }

  /** Resolves with stdout once the child has exited 0; rejects only after it has exited. */
  private run(binary: string, args: string[], signal?: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      // No -logfn: its log goes to stderr, where its ERROR lines are the only explanation of a failure.
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid !== undefined) this.o.onSpawn?.(child.pid);
      let stdout = '';
      let partialErr = '';
      const errors: string[] = [];
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), this.o.killAfterMs ?? 1000);
        killTimer.unref();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        const lines = (partialErr + chunk).split('\n');
        partialErr = lines.pop() ?? '';
        for (const line of lines) if (/^(ERROR|FATAL)/.test(line)) errors.push(cleanLogLine(line));
        if (errors.length > 5) errors.splice(0, errors.length - 5);
      });
      child.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new SpeechEngineUnavailableError(`pocketsphinx (en) is unavailable: cannot start ${binary}: ${err.message}`));
      });
      child.on('close', (code, killedBy) => {
        signal?.removeEventListener('abort', onAbort);
        if (killTimer) clearTimeout(killTimer);
        if (/^(ERROR|FATAL)/.test(partialErr)) errors.push(cleanLogLine(partialErr));
        if (signal?.aborted) return reject(abortError(signal, 'speech recognition'));
        if (code === 0) return resolve(stdout);
        const why = errors.length ? errors.join(' — ') : killedBy ? `killed by ${killedBy}` : `exit code ${code}`;
        reject(new Error(`pocketsphinx_continuous failed on ${path.basename(args[1]!)}: ${why}`));
      });
    });
  }
}

/** `ERROR: "acmod.c", line 78: Folder '/x' does not contain…` → `Folder '/x' does not contain…` */
function cleanLogLine(line: string): string {
  return line.replace(/^(ERROR|FATAL[_A-Z]*):\s*("[^"]*", line \d+:\s*)?/, '').trim();
}

/**
 * Words of `-time yes` output: `word start end confidence` lines; hypothesis lines (the words of
 * an utterance, no numbers) are skipped. Sentence marks, silences, noises and `++FILLER++` are
 * not words; `word(2)` is the dictionary's second pronunciation of `word`.
 */
export function parsePocketsphinxOutput(stdout: string): TimedWord[] {
  const words: TimedWord[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^(\S+) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)$/.exec(line.trim());
    if (!m) continue;
    const [, token, start, end, confidence] = m as unknown as [string, string, string, string, string];
    if (/^(<.*>|\[.*\]|\+\+.*\+\+)$/.test(token)) continue;
    // The posterior is a probability but is printed slightly above 1 at times (1.000200).
    words.push({ word: token.replace(/\(\d+\)$/, ''), start: Number(start), end: Number(end), confidence: Math.min(1, Math.max(0, Number(confidence))) });
  }
  return words;
}

/** The absolute path of an executable file, looked up in PATH for a bare name; null when absent. */
export async function findExecutable(bin: string): Promise<string | null> {
  const candidates = bin.includes('/') ? [bin] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, bin));
  for (const candidate of candidates) {
    try {
      await fs.access(candidate, fs.constants.X_OK);
      if (await isFile(candidate)) return path.resolve(candidate);
    } catch {
      // next
    }
  }
  return null;
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.isFile(), () => false);
}
