/**
 * Recognition with a Vosk (Kaldi) model for one language. The model is loaded once per engine:
 * lazily, or at server start through `load()` so a wrong VOSK_MODEL_<LANG> fails early; `close()`
 * frees it. Each recognition has its own recognizer (they are not thread-safe; the model is
 * shared and reference-counted by libvosk, so a recognition running during `close()` finishes).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SpeechEngine, TimedWord } from './speech-engine.js';
import { abortError, SpeechEngineUnavailableError } from './speech-engine-error.js';
import { loadVoskLibrary, type VoskLibrary, type VoskModelHandle } from './vosk-library.js';
import { readWavInfo, WavFormatError } from './wav.js';

export interface VoskEngineOptions {
  /** BCP 47 primary language of the model (fr, en). */
  lang: string;
  /** The model's folder (e.g. vosk-model-fr-0.22). */
  modelDir: string;
  /** libvosk's path; default: the npm package vosk's. */
  library?: string;
}

/** Audio fed per call: a quarter of a second, as Vosk's examples do (4000 samples at 16 kHz). */
const FEED_SECONDS = 0.25;

interface VoskJsonResult {
  result?: { word: string; start: number; end: number; conf: number }[];
  text?: string;
}

export class VoskEngine implements SpeechEngine {
  readonly name = 'vosk' as const;
  readonly lang: string;
  readonly modelDir: string;
  private model: Promise<{ lib: VoskLibrary; handle: VoskModelHandle }> | null = null;
  private closed = false;

  constructor(private readonly o: VoskEngineOptions) {
    this.lang = o.lang;
    this.modelDir = path.resolve(o.modelDir);
  }

  /** Loads the library and the model (once); throws SpeechEngineUnavailableError saying what is wrong. */
  async load(): Promise<void> {
    await this.loaded();
  }

  /** Frees the model; later recognitions are refused. */
  close(): void {
    this.closed = true;
    const model = this.model;
    this.model = null;
    void model?.then(({ lib, handle }) => lib.modelFree(handle), () => {});
  }

  async recognize(wavPath: string, options: { signal?: AbortSignal } = {}): Promise<TimedWord[]> {
    const { signal } = options;
    if (signal?.aborted) throw abortError(signal, 'speech recognition');
    const { lib, handle } = await this.loaded();
    const info = await readWavInfo(wavPath);
    if (info.channels !== 1 || info.bitsPerSample !== 16) throw new WavFormatError(`${wavPath}: Vosk needs mono 16-bit PCM, got ${info.channels} channel(s), ${info.bitsPerSample}-bit`);
    const recognizer = lib.recognizerNew(handle, info.sampleRate);
    if (!recognizer) throw new Error(`Vosk (${this.lang}): could not create a recognizer at ${info.sampleRate} Hz`);
    const file = await fs.open(wavPath, 'r');
    try {
      lib.setWords(recognizer, true);
      const words: TimedWord[] = [];
      const feedBytes = Math.round(info.sampleRate * FEED_SECONDS) * 2;
      const end = info.dataOffset + info.dataBytes;
      for (let at = info.dataOffset; at < end; at += feedBytes) {
        if (signal?.aborted) throw abortError(signal, 'speech recognition');
        // A fresh buffer per call: koffi hands its memory to the native call running on another thread.
        const buffer = Buffer.alloc(Math.min(feedBytes, end - at));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
        if (bytesRead === 0) break;
        const accepted = await lib.acceptWaveform(recognizer, bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
        if (accepted < 0) throw new Error(`Vosk (${this.lang}): the recognizer refused the audio of ${path.basename(wavPath)}`);
        if (accepted === 1) words.push(...parseVoskResult(lib.result(recognizer)));
      }
      if (signal?.aborted) throw abortError(signal, 'speech recognition');
      words.push(...parseVoskResult(await lib.finalResult(recognizer)));
      return words;
    } finally {
      lib.recognizerFree(recognizer);
      await file.close();
    }
  }

  private loaded(): Promise<{ lib: VoskLibrary; handle: VoskModelHandle }> {
    if (this.closed) return Promise.reject(new SpeechEngineUnavailableError(`Vosk model for ${this.lang} at ${this.modelDir}: the engine was closed`));
    this.model ??= this.loadModel().catch((err: unknown) => {
      this.model = null; // fixed on disk meanwhile? the next call tries again
      throw err;
    });
    return this.model;
  }

  private async loadModel(): Promise<{ lib: VoskLibrary; handle: VoskModelHandle }> {
    const where = `Vosk model for ${this.lang} at ${this.modelDir}`;
    const problem = await modelDirectoryProblem(this.modelDir, this.lang);
    if (problem) throw new SpeechEngineUnavailableError(`${where}: ${problem}`);
    const lib = loadVoskLibrary(this.o.library);
    const handle = await lib.modelNew(this.modelDir);
    if (!handle) {
      throw new SpeechEngineUnavailableError(`${where}: libvosk could not load it (damaged or incomplete files, or a model for another Vosk version; libvosk printed the reason on the server's stderr)`);
    }
    if (this.closed) {
      lib.modelFree(handle);
      throw new SpeechEngineUnavailableError(`${where}: the engine was closed`);
    }
    return { lib, handle };
  }
}

/**
 * Why a folder is not a Vosk model, before libvosk is asked (it only says "null"): a missing
 * folder, or one without the acoustic model (am/final.mdl, or final.mdl in older models) and its
 * configuration (conf/model.conf, conf/mfcc.conf, or mfcc.conf in older models). Null: looks right.
 */
export async function modelDirectoryProblem(dir: string, lang: string): Promise<string | null> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat) return 'the folder does not exist';
  if (!stat.isDirectory()) return 'not a folder';
  const exists = (rel: string) => fs.stat(path.join(dir, rel)).then((s) => s.isFile(), () => false);
  const hasModel = (await exists('am/final.mdl')) || (await exists('final.mdl'));
  const hasConf = (await exists('conf/model.conf')) || (await exists('conf/mfcc.conf')) || (await exists('mfcc.conf'));
  if (hasModel && hasConf) return null;
  const missing = [hasModel ? null : 'am/final.mdl', hasConf ? null : 'conf/model.conf'].filter(Boolean).join(' and ');
  return `not a Vosk model directory (expected am/final.mdl and conf/model.conf; ${missing} missing). Unpack a model from https://alphacephei.com/vosk/models and point VOSK_MODEL_${lang.toUpperCase()} at the folder holding am/ and conf/`;
}

/** Words of a `vosk_recognizer_result` JSON (with set_words on): `{ result: [{ word, start, end, conf }], text }`. */
export function parseVoskResult(json: string): TimedWord[] {
  const parsed = JSON.parse(json) as VoskJsonResult;
  return (parsed.result ?? [])
    .filter((w) => w.word && w.word !== '[unk]')
    .map((w) => ({ word: w.word, start: w.start, end: w.end, confidence: Math.min(1, Math.max(0, w.conf)) }));
}
