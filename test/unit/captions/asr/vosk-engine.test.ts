import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SpeechEngineUnavailableError } from '../../../../src/captions/asr/speech-engine-error.js';
import { parseVoskResult, VoskEngine } from '../../../../src/captions/asr/vosk-engine.js';
import { defaultVoskLibraryPath, loadVoskLibrary } from '../../../../src/captions/asr/vosk-library.js';

/**
 * No Vosk model can be downloaded where Amphi is built: these tests load the real libvosk and
 * check every way a configured model can be wrong. Recognition itself is not run here.
 */
describe('Vosk', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-asr-vosk-'));
    fs.mkdirSync(path.join(dir, 'empty'));
    // A model's layout with garbage inside: libvosk refuses it (returns null) without crashing.
    fs.mkdirSync(path.join(dir, 'broken', 'am'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'broken', 'conf'));
    fs.writeFileSync(path.join(dir, 'broken', 'am', 'final.mdl'), Buffer.from('not a Kaldi model, only garbage bytes '.repeat(100)));
    fs.writeFileSync(path.join(dir, 'broken', 'conf', 'model.conf'), '--min-active=200\n--max-active=3000\n--beam=10.0\n--lattice-beam=2.0\n');
    fs.writeFileSync(path.join(dir, 'broken', 'conf', 'mfcc.conf'), '--use-energy=false\n--sample-frequency=16000\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads libvosk from the npm package and binds its functions', () => {
    const file = defaultVoskLibraryPath();
    assert.match(file, /node_modules\/vosk\/lib\/linux-x86_64\/libvosk\.so$/);
    assert.ok(fs.existsSync(file));
    const lib = loadVoskLibrary();
    assert.equal(lib.path, file);
    for (const fn of ['modelNew', 'modelFree', 'recognizerNew', 'setWords', 'acceptWaveform', 'result', 'finalResult', 'recognizerFree'] as const) {
      assert.equal(typeof lib[fn], 'function');
    }
    assert.equal(loadVoskLibrary(file), lib, 'loaded once');
  });

  it('knows where the other platforms’ libraries are, and refuses an unknown one', () => {
    assert.match(defaultVoskLibraryPath('darwin', 'arm64'), /osx-universal\/libvosk\.dylib$/);
    assert.match(defaultVoskLibraryPath('win32', 'x64'), /win-x86_64\/libvosk\.dll$/);
    assert.throws(() => defaultVoskLibraryPath('linux', 'arm64'), (err: Error) => err instanceof SpeechEngineUnavailableError && /linux-arm64/.test(err.message));
  });

  it('says so when the library path is wrong', async () => {
    const engine = new VoskEngine({ lang: 'fr', modelDir: path.join(dir, 'broken'), library: path.join(dir, 'libvosk.so') });
    await assert.rejects(engine.load(), (err: Error) => err instanceof SpeechEngineUnavailableError && err.message.includes(`cannot load the library ${path.join(dir, 'libvosk.so')}`));
  });

  for (const [name, expected] of [
    ['missing', /the folder does not exist/],
    ['empty', /not a Vosk model directory \(expected am\/final\.mdl and conf\/model\.conf; am\/final\.mdl and conf\/model\.conf missing\)/],
    ['broken', /libvosk could not load it/],
  ] as const) {
    it(`refuses a ${name} model folder with a clear message, at load and at recognition`, async () => {
      const modelDir = path.join(dir, name);
      const engine = new VoskEngine({ lang: 'fr', modelDir });
      for (const attempt of [() => engine.load(), () => engine.recognize('/nonexistent.wav', {})]) {
        await assert.rejects(attempt(), (err: Error) => {
          assert.ok(err instanceof SpeechEngineUnavailableError, String(err));
          assert.ok(err.message.startsWith(`Vosk model for fr at ${modelDir}: `), err.message);
          assert.match(err.message, expected);
          return true;
        });
      }
      engine.close();
    });
  }

  it('reads the words of a result', () => {
    const json = '{"result":[{"conf":1.0,"end":1.02,"start":0.6,"word":"bonjour"},{"conf":0.61,"end":1.5,"start":1.1,"word":"[unk]"},{"conf":0.87,"end":1.9,"start":1.5,"word":"à"}],"text":"bonjour à"}';
    assert.deepEqual(parseVoskResult(json), [
      { word: 'bonjour', start: 0.6, end: 1.02, confidence: 1 },
      { word: 'à', start: 1.5, end: 1.9, confidence: 0.87 },
    ]);
    assert.deepEqual(parseVoskResult('{"text":""}'), []);
  });
});
