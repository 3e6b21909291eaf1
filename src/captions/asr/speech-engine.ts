/** A recognised word: times in seconds from the start of the audio it was recognised in. */
export interface TimedWord {
  word: string;
  start: number;
  end: number;
  /** 0..1 as the engine reports it. */
  confidence: number;
}

export type SpeechEngineName = 'vosk' | 'pocketsphinx';

/**
 * One recognition engine for one language. `recognize` reads a 16 kHz mono 16-bit PCM WAV file
 * and gives its words in order; it stops soon and throws when `signal` aborts.
 */
export interface SpeechEngine {
  readonly name: SpeechEngineName;
  /** BCP 47 primary language (fr, en). */
  readonly lang: string;
  recognize(wavPath: string, options: { signal?: AbortSignal }): Promise<TimedWord[]>;
}
