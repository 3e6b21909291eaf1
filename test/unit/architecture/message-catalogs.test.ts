import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMessages, isMessageKey, translate } from '../../../src/http/messages.js';
import '../../../src/message-catalogs.js';
import { CAPTIONS_MESSAGES } from '../../../src/captions/captions.messages.js';

/* src/http/messages.ts imports no feature: src/message-catalogs.ts hands it the features' catalogues. */
describe('message catalogues', () => {
  it("knows a feature's codes once the composition module has run", () => {
    assert.equal(isMessageKey('captions-no-media'), true);
    assert.equal(translate('fr', 'captions-no-media'), CAPTIONS_MESSAGES['captions-no-media'].fr);
  });

  it('refuses a code given a second, different text, and keeps the first', () => {
    const first = translate('en', 'not-found');
    assert.throws(() => addMessages({ 'not-found': { en: 'Other', fr: 'Autre' } }), /not-found is defined twice/);
    assert.equal(translate('en', 'not-found'), first);
    addMessages({ 'not-found': { en: first, fr: translate('fr', 'not-found') } });
  });

  it('shows an unknown code as itself rather than failing the error page', () => {
    assert.equal(isMessageKey('no-such-code'), false);
    assert.equal(translate('en', 'no-such-code' as never), 'no-such-code');
  });
});
