/**
 * The display preferences resolved against the system's, and the dashboards' formats taken from
 * the shared formatter (the browser's variant of the page language).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeFormats } from '../../../tool/src/analytics/useFormats.js';
import { resolveDisplay } from '../../../tool/src/display/display-preferences.js';
import { plural } from '../../../tool/src/i18n/plural.js';

describe('display preferences', () => {
  const system = { theme: 'dark' as const, highContrast: true };

  it('follows the system for what the person has not chosen', () => {
    assert.deepEqual(resolveDisplay({ theme: null, dyslexia: false, highContrast: null }, system), { theme: 'dark', dyslexia: false, highContrast: true });
  });

  it('keeps what the person chose, against the system', () => {
    assert.deepEqual(resolveDisplay({ theme: 'light', dyslexia: true, highContrast: false }, system), { theme: 'light', dyslexia: true, highContrast: false });
  });
});

describe('dashboard formats', () => {
  it('writes dates the way the browser’s variant of the language does', () => {
    assert.equal(makeFormats('en', ['en-GB']).day('2026-12-07'), '7 Dec 2026');
    assert.equal(makeFormats('en', ['en-US']).day('2026-12-07'), 'Dec 7, 2026');
    assert.equal(makeFormats('fr', ['fr-FR']).longDay('2026-12-07'), '7 décembre 2026');
  });

  it('writes percentages without a space in English and with a no-break one in French', () => {
    assert.equal(makeFormats('en', ['en-GB']).percent(0.42), '42%');
    assert.match(makeFormats('fr', ['fr-FR']).percent(0.42), /^42[\u00a0\u202f]%$/);
  });

  it('counts in the page language', () => {
    assert.equal(makeFormats('fr', ['fr-FR']).number(1234.5), '1\u202f234,5');
    assert.equal(plural('fr', 'picker.results', 0), '0 résultat');
    assert.equal(plural('en', 'picker.results', 0), '0 results');
  });
});
