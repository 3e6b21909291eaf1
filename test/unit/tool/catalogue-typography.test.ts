/**
 * Typography of every catalogue the tool shows (en.ts and fr.ts merge every feature's): English
 * puts no space before `: ; ! ? %`; French puts a no-break space (U+00A0 or the narrow U+202F)
 * there and inside « », never an ordinary one, which a line could break at. Also: no text
 * promising features "in a coming version".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../../tool/src/i18n/en.js';
import { fr } from '../../../tool/src/i18n/fr.js';

/** Key → value of each catalogue whose value breaks the rule, for a readable failure. */
function offenders(catalogue: Record<string, string>, rule: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(catalogue).filter(([, value]) => rule.test(value)));
}

describe('catalogue typography', () => {
  it('puts no space before : ; ! ? % in English', () => {
    assert.deepEqual(offenders(en, /[\s\u00a0\u202f][:;!?%]/u), {});
  });

  it('puts a no-break space, not an ordinary one, before : ; ! ? » % and after « in French', () => {
    assert.deepEqual(offenders(fr, / [:;!?»%]|« /u), {});
  });

  it('closes every French « with a » (and the other way round)', () => {
    const unbalanced = offenders(fr, /./u);
    for (const [key, value] of Object.entries(unbalanced)) {
      if ((value.match(/«/g) ?? []).length === (value.match(/»/g) ?? []).length) delete unbalanced[key];
    }
    assert.deepEqual(unbalanced, {});
  });

  it('promises nothing for a later version', () => {
    const later = /coming (version|soon|release)|later version|future version|prochaine version|version (à venir|ultérieure)|bientôt disponible/iu;
    assert.deepEqual({ ...offenders(en, later), ...offenders(fr, later) }, {});
  });

  it('has the same keys and placeholders in both languages', () => {
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(en).filter(
      (key) => JSON.stringify(placeholders(en[key as keyof typeof en])) !== JSON.stringify(placeholders(fr[key as keyof typeof fr])),
    );
    assert.deepEqual(mismatched, []);
  });
});
