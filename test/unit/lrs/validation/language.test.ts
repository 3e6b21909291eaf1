import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLanguageTag } from '../../../../src/lrs/statements/validation/language.js';
import { accepts, rejects, withChange } from './statement-fixtures.js';

describe('RFC 5646 language tags (Data 2.2.s4.b2)', () => {
  it('accepts well-formed tags', () => {
    const good = ['en', 'en-US', 'es-MX', 'tlh', 'zh-Hant-TW', 'sr-Latn-RS', 'de-CH-1901', 'sl-rozaj-biske', 'es-419', 'zh-yue-HK', 'en-a-bbb-x-a-ccc', 'x-whatever', 'i-klingon', 'en-GB-oed', 'EN-us'];
    for (const tag of good) assert.ok(isLanguageTag(tag), tag);
  });

  it('refuses tags whose subtag lengths do not fit the grammar', () => {
    const bad = ['', 'e', 'something', 'a12345', 'en-', '-en', 'en--US', 'en-US-', 'en-a', 'en-a-bbb-a-ccc', 'x', 'x-', 'en_US', 'toolongprimary', 'en-x-abcdefghi', '12-US'];
    for (const tag of bad) assert.ok(!isLanguageTag(tag), tag);
  });
});

describe('Language maps (Data 4.2)', () => {
  it('accepts maps in every place they appear', () => {
    accepts(withChange((s) => { s.verb.display = { 'en-GB': 'played', 'ja-JP': '再生した' }; }));
  });

  it('refuses a key that is not a tag, naming the map', () => {
    rejects(withChange((s) => { s.verb.display = { 'en-US': 'played', something: 'x' }; }), 'statement.verb.display');
    rejects(withChange((s) => { s.object.definition.name = { a12345: 'x' }; }), 'statement.object.definition.name');
    rejects(withChange((s) => { s.object.definition.description = { 'not a tag': 'x' }; }), 'statement.object.definition.description');
  });

  it('refuses values that are not strings, null included', () => {
    rejects(withChange((s) => { s.verb.display = { 'en-US': null }; }), 'statement.verb.display.en-US');
    rejects(withChange((s) => { s.verb.display = { 'en-US': 12 }; }), 'statement.verb.display.en-US');
  });

  it('refuses a map that is not an object', () => {
    rejects(withChange((s) => { s.verb.display = 'played'; }), 'statement.verb.display');
    rejects(withChange((s) => { s.verb.display = ['played']; }), 'statement.verb.display');
  });

  it('context.language is a tag', () => {
    rejects(withChange((s) => { s.context.language = 'english please'; }), 'statement.context.language');
  });
});
