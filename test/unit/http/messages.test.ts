import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localeFromAcceptLanguage, toLocale, translate } from '../../../src/http/messages.js';
import { escapeHtml, html } from '../../../src/http/html.js';

describe('languages', () => {
  it('reads LTI and browser locales', () => {
    assert.equal(toLocale('fr-FR'), 'fr');
    assert.equal(toLocale('fr_CA'), 'fr');
    assert.equal(toLocale('EN'), 'en');
    assert.equal(toLocale('de'), undefined);
    assert.equal(localeFromAcceptLanguage('de-DE,en;q=0.5,fr;q=0.8'), 'fr');
    assert.equal(localeFromAcceptLanguage('de-DE'), undefined);
    assert.equal(localeFromAcceptLanguage(undefined), undefined);
  });

  it('fills message parameters in both languages', () => {
    assert.equal(translate('en', 'unsupported-message-type', { messageType: 'X' }), 'Amphi does not handle LTI messages of type X.');
    assert.equal(translate('fr', 'unsupported-message-type', { messageType: 'X' }), 'Amphi ne traite pas les messages LTI de type X.');
  });
});

describe('HTML rendering', () => {
  it('escapes every interpolated value', () => {
    assert.equal(escapeHtml(`<a href="x">'&`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    const name = '<script>alert(1)</script>';
    assert.equal(html`<p>${name}</p>`.toString(), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    assert.equal(html`<p>${html`<b>${'&'}</b>`}</p>`.toString(), '<p><b>&amp;</b></p>');
  });
});
