/**
 * libvosk through koffi: only the functions the engine calls. The library file comes from the
 * npm package `vosk` (its own JS is never imported: it needs ffi-napi, which does not build on
 * current Node and is replaced by an empty package in package.json's overrides).
 *
 * Recognition calls that take time (model loading, feeding audio, the final result) run with
 * koffi's `.async`, on libuv's thread pool, so several chunks are decoded in parallel and the
 * event loop stays free. koffi runs a native call on a stack of its own: 128 KiB by default for
 * async calls, too small to trust a C++ decoder with, hence the larger stacks below (mmap'ed, so
 * only the pages really used cost memory).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import koffi from 'koffi';
import { SpeechEngineUnavailableError } from './speech-engine-error.js';

/** Opaque handles (koffi pointers); never dereferenced in JS. */
export type VoskModelHandle = object & { readonly __vosk: 'model' };
export type VoskRecognizerHandle = object & { readonly __vosk: 'recognizer' };

export interface VoskLibrary {
  readonly path: string;
  /** null when libvosk refuses the folder (it logs why on stderr; it never throws). */
  modelNew(dir: string): Promise<VoskModelHandle | null>;
  modelFree(model: VoskModelHandle): void;
  recognizerNew(model: VoskModelHandle, sampleRate: number): VoskRecognizerHandle | null;
  setWords(recognizer: VoskRecognizerHandle, words: boolean): void;
  /** 1 when an utterance ended (its result is ready), 0 when not, -1 on error. */
  acceptWaveform(recognizer: VoskRecognizerHandle, pcm: Buffer): Promise<number>;
  /** JSON of the utterance that just ended. */
  result(recognizer: VoskRecognizerHandle): string;
  /** JSON of what remains once all audio is in (decodes the last utterance: async). */
  finalResult(recognizer: VoskRecognizerHandle): Promise<string>;
  recognizerFree(recognizer: VoskRecognizerHandle): void;
}

/** Where the npm package `vosk` keeps libvosk for this platform. */
export function defaultVoskLibraryPath(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const file = platform === 'linux' && arch === 'x64' ? 'linux-x86_64/libvosk.so'
    : platform === 'darwin' ? 'osx-universal/libvosk.dylib'
    : platform === 'win32' && arch === 'x64' ? 'win-x86_64/libvosk.dll'
    : null;
  if (!file) throw new SpeechEngineUnavailableError(`Vosk: the npm package vosk has no library for ${platform}-${arch}; set VOSK_LIBRARY to a libvosk built for it`);
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('vosk/package.json');
  } catch {
    throw new SpeechEngineUnavailableError('Vosk: the npm package vosk is not installed (npm install), and no VOSK_LIBRARY was given');
  }
  return path.join(path.dirname(packageJson), 'lib', file);
}

const loaded = new Map<string, VoskLibrary>();
const NATIVE_STACK_BYTES = 8 * 1024 * 1024;

/** Loads libvosk once per path (default: the npm package's) and binds its functions; logging off. */
export function loadVoskLibrary(libraryPath?: string): VoskLibrary {
  const file = path.resolve(libraryPath ?? defaultVoskLibraryPath());
  const cached = loaded.get(file);
  if (cached) return cached;
  configureKoffiOnce();
  let lib: koffi.IKoffiLib;
  try {
    lib = koffi.load(file);
  } catch (err) {
    throw new SpeechEngineUnavailableError(`Vosk: cannot load the library ${file}: ${(err as Error).message}`);
  }
  try {
    const library = bind(lib, file);
    loaded.set(file, library);
    return library;
  } catch (err) {
    throw new SpeechEngineUnavailableError(`Vosk: ${file} is not a usable libvosk: ${(err as Error).message}`);
  }
}

let configured = false;
function configureKoffiOnce(): void {
  if (configured) return;
  configured = true;
  try {
    koffi.config({ ...koffi.config(), sync_stack_size: NATIVE_STACK_BYTES, async_stack_size: NATIVE_STACK_BYTES });
  } catch {
    // Another part of the process loaded a library first: koffi's defaults stay.
  }
}

// koffi type names are global to the process: declared once, here.
const VoskModel = koffi.pointer('VoskModel', koffi.opaque());
const VoskRecognizer = koffi.pointer('VoskRecognizer', koffi.opaque());

function bind(lib: koffi.IKoffiLib, file: string): VoskLibrary {
  const setLogLevel = lib.func('vosk_set_log_level', 'void', ['int']);
  const modelNew = lib.func('vosk_model_new', VoskModel, ['const char *']);
  const modelFree = lib.func('vosk_model_free', 'void', [VoskModel]);
  const recognizerNew = lib.func('vosk_recognizer_new', VoskRecognizer, [VoskModel, 'float']);
  const setWords = lib.func('vosk_recognizer_set_words', 'void', [VoskRecognizer, 'int']);
  const acceptWaveform = lib.func('vosk_recognizer_accept_waveform', 'int', [VoskRecognizer, 'const uint8_t *', 'int']);
  const result = lib.func('vosk_recognizer_result', 'const char *', [VoskRecognizer]);
  const finalResult = lib.func('vosk_recognizer_final_result', 'const char *', [VoskRecognizer]);
  const recognizerFree = lib.func('vosk_recognizer_free', 'void', [VoskRecognizer]);
  // -1: no Kaldi info lines (errors are still printed by libvosk before it returns null).
  setLogLevel(-1);
  const call = <T>(fn: koffi.KoffiFunction, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => fn.async(...args, (err: unknown, value: T) => (err ? reject(err) : resolve(value))));
  return {
    path: file,
    modelNew: (dir) => call<VoskModelHandle | null>(modelNew, dir),
    modelFree: (model) => modelFree(model),
    recognizerNew: (model, sampleRate) => recognizerNew(model, sampleRate) as VoskRecognizerHandle | null,
    setWords: (recognizer, words) => setWords(recognizer, words ? 1 : 0),
    acceptWaveform: (recognizer, pcm) => call<number>(acceptWaveform, recognizer, pcm, pcm.length),
    result: (recognizer) => result(recognizer) as string,
    finalResult: (recognizer) => call<string>(finalResult, recognizer),
    recognizerFree: (recognizer) => recognizerFree(recognizer),
  };
}
