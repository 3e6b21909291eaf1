import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SpeechEngineUnavailableError } from '../../../../src/captions/asr/speech-engine-error.js';
import { createSpeechEngines, pocketsphinxInstalled, primaryLanguage } from '../../../../src/captions/asr/speech-engines.js';
import { POCKETSPHINX_PRESENT } from '../../../support/librivox.js';

describe('speech engines registry', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-asr-engines-'));
    fs.mkdirSync(path.join(dir, 'broken', 'am'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'broken', 'conf'));
    fs.writeFileSync(path.join(dir, 'broken', 'am', 'final.mdl'), 'garbage');
    fs.writeFileSync(path.join(dir, 'broken', 'conf', 'model.conf'), '--beam=10.0\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('matches languages by their primary subtag', () => {
    assert.equal(primaryLanguage('fr-FR'), 'fr');
    assert.equal(primaryLanguage('EN_gb'), 'en');
  });

  it('finds pocketsphinx for English when it is installed, and nothing for French without a Vosk model', { skip: POCKETSPHINX_PRESENT ? false : 'pocketsphinx is not installed' }, async () => {
    assert.equal(pocketsphinxInstalled(), true);
    const engines = createSpeechEngines({ vosk: { library: undefined, models: {} }, pocketsphinx: 'auto' });
    assert.equal(engines.engineFor('en-GB')?.name, 'pocketsphinx');
    assert.equal(engines.engineFor('en')?.lang, 'en');
    assert.equal(engines.engineFor('fr'), null);
    assert.deepEqual(engines.languages(), [{ lang: 'en', engine: 'pocketsphinx' }]);
    await engines.check();
    engines.close();
  });

  it('leaves pocketsphinx out when turned off, or when auto-detection finds it missing', () => {
    assert.equal(createSpeechEngines({ pocketsphinx: 'off' }).engineFor('en'), null);
    assert.equal(createSpeechEngines({ pocketsphinx: { enabled: 'auto', binary: path.join(dir, 'none') } }).engineFor('en'), null);
    assert.equal(createSpeechEngines({ pocketsphinx: { enabled: 'auto', modelDir: path.join(dir, 'none') } }).engineFor('en'), null);
  });

  it('prefers a Vosk model over pocketsphinx for the same language', () => {
    const engines = createSpeechEngines({ vosk: { models: { EN: path.join(dir, 'broken'), fr: path.join(dir, 'missing') } }, pocketsphinx: 'auto' });
    assert.equal(engines.engineFor('en-US')?.name, 'vosk');
    assert.equal(engines.engineFor('fr-CA')?.name, 'vosk');
    assert.deepEqual(engines.languages(), [{ lang: 'en', engine: 'vosk' }, { lang: 'fr', engine: 'vosk' }]);
  });

  it('check() lists every misconfigured engine with its language and path', async () => {
    const missing = path.join(dir, 'missing');
    const broken = path.join(dir, 'broken');
    const engines = createSpeechEngines({
      vosk: { models: { fr: missing, de: broken } },
      pocketsphinx: { enabled: true, binary: path.join(dir, 'pocketsphinx_continuous') },
    });
    await assert.rejects(engines.check(), (err: Error) => {
      assert.ok(err instanceof SpeechEngineUnavailableError);
      assert.ok(err.message.includes(`Vosk model for fr at ${missing}: the folder does not exist`), err.message);
      assert.ok(err.message.includes(`Vosk model for de at ${broken}: `), err.message);
      assert.ok(err.message.includes(`pocketsphinx (en) is unavailable: the program ${path.join(dir, 'pocketsphinx_continuous')}`), err.message);
      return true;
    });
    engines.close();
  });
});
