/**
 * Which engine recognises which language on this server: a Vosk model per configured language,
 * and pocketsphinx for English when Debian's package is installed. Vosk wins for a language both
 * have (its models are far more accurate). Built once at start; `check()` loads every engine so a
 * wrong path stops the server with one message listing every problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PocketsphinxEngine, type PocketsphinxOptions } from './pocketsphinx-engine.js';
import type { SpeechEngine, SpeechEngineName } from './speech-engine.js';
import { SpeechEngineUnavailableError } from './speech-engine-error.js';
import { VoskEngine } from './vosk-engine.js';

/** An engine the registry can load at start and free at the end. */
export interface ManagedSpeechEngine extends SpeechEngine {
  load(): Promise<unknown>;
  close(): void;
}

export interface PocketsphinxConfig extends Omit<PocketsphinxOptions, 'onSpawn'> {
  /** 'auto' (default): on when the binary and the model are installed; true: on, and check() fails if they are not. */
  enabled?: boolean | 'auto';
  lang?: 'en';
}

export interface SpeechEnginesConfig {
  vosk?: { library?: string | undefined; models: Record<string, string> };
  /** config.captions.pocketsphinx ('auto' | 'off') fits as is. */
  pocketsphinx?: 'auto' | 'off' | PocketsphinxConfig;
}

export class SpeechEngines {
  private readonly byLang = new Map<string, ManagedSpeechEngine>();

  /** Earlier engines win for a language (put Vosk first). */
  constructor(readonly engines: ManagedSpeechEngine[]) {
    for (const engine of engines) {
      const lang = primaryLanguage(engine.lang);
      if (!this.byLang.has(lang)) this.byLang.set(lang, engine);
    }
  }

  /** The engine for a BCP 47 tag, by its primary subtag ('fr-FR' → fr); null when none. */
  engineFor(lang: string): SpeechEngine | null {
    return this.byLang.get(primaryLanguage(lang)) ?? null;
  }

  /** Each language that can be recognised, with the engine used for it, by language. */
  languages(): { lang: string; engine: SpeechEngineName }[] {
    return [...this.byLang.entries()].map(([lang, e]) => ({ lang, engine: e.name })).sort((a, b) => a.lang.localeCompare(b.lang));
  }

  /** Loads every engine (Vosk models are read into memory here); one error lists every problem. */
  async check(): Promise<void> {
    const results = await Promise.allSettled(this.engines.map((e) => e.load()));
    const problems = results.flatMap((r, i) => {
      if (r.status === 'fulfilled') return [];
      const e = this.engines[i]!;
      const message = r.reason instanceof Error ? r.reason.message : String(r.reason);
      return [r.reason instanceof SpeechEngineUnavailableError ? message : `${e.name} (${e.lang}): ${message}`];
    });
    if (problems.length) throw new SpeechEngineUnavailableError(`Speech recognition is misconfigured: ${problems.join('; ')}`);
  }

  close(): void {
    for (const engine of this.engines) engine.close();
  }
}

export function createSpeechEngines(config: SpeechEnginesConfig): SpeechEngines {
  const engines: ManagedSpeechEngine[] = [];
  for (const [lang, modelDir] of Object.entries(config.vosk?.models ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    engines.push(new VoskEngine({ lang: primaryLanguage(lang), modelDir, library: config.vosk?.library }));
  }
  const ps = typeof config.pocketsphinx === 'string' || config.pocketsphinx === undefined
    ? { enabled: config.pocketsphinx === 'off' ? false : ('auto' as const) }
    : config.pocketsphinx;
  const { enabled = 'auto', lang: _lang, ...options } = ps;
  if (enabled === true || (enabled === 'auto' && pocketsphinxInstalled(options))) engines.push(new PocketsphinxEngine(options));
  return new SpeechEngines(engines);
}

/** Whether the binary and the default (or given) model files exist: synchronous, once at start. */
export function pocketsphinxInstalled(o: PocketsphinxOptions = {}): boolean {
  const engine = new PocketsphinxEngine(o);
  const binary = engine.binary.includes('/')
    ? engine.binary
    : (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, engine.binary)).find((f) => fs.existsSync(f));
  if (!binary) return false;
  try {
    fs.accessSync(binary, fs.constants.X_OK);
    return [path.join(engine.hmm, 'mdef'), engine.lm, engine.dict].every((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
  } catch {
    return false;
  }
}

/** 'fr-FR' → 'fr', 'EN' → 'en'. */
export function primaryLanguage(tag: string): string {
  return tag.trim().split(/[-_]/)[0]!.toLowerCase();
}

