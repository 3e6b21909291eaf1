import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cue } from '../../../../src/captions/format/cue.js';
import { PARAGRAPH_PAUSE_SECONDS, SENTENCES_PER_PARAGRAPH, serializePlainText } from '../../../../src/captions/format/plain-text.js';

const paragraphs = (text: string) => text.trimEnd().split('\n\n');

describe('serializePlainText', () => {
  it('runs cues together without times, tags or line breaks', () => {
    const text = serializePlainText([
      { start: 0, end: 2, text: '<i>Bonjour</i> &amp;\nbienvenue.' },
      { start: 2, end: 4, text: 'Nous <b>commençons</b>.' },
    ]);
    assert.equal(text, 'Bonjour & bienvenue. Nous commençons.\n');
  });
  it('opens a paragraph after a long silence', () => {
    const text = serializePlainText([
      { start: 0, end: 2, text: 'Premier sujet.' },
      { start: 2.5, end: 4, text: 'Suite du premier.' },
      { start: 4 + PARAGRAPH_PAUSE_SECONDS, end: 8, text: 'Second sujet.' },
    ]);
    assert.deepEqual(paragraphs(text), ['Premier sujet. Suite du premier.', 'Second sujet.']);
  });
  it('opens a paragraph every few sentences, at the end of one', () => {
    const cues: Cue[] = Array.from({ length: 20 }, (_, k) => ({ start: k * 2, end: k * 2 + 2, text: k % 2 === 0 ? `Phrase ${k}, qui continue` : 'et finit ici.' }));
    const parts = paragraphs(serializePlainText(cues));
    assert.ok(parts.length >= 2, `${parts.length} paragraphs`);
    for (const part of parts) {
      assert.match(part, /\.$/, 'a paragraph ends with its sentence');
      assert.ok((part.match(/\./g) ?? []).length <= SENTENCES_PER_PARAGRAPH, part);
    }
  });
  it("names the speaker of <v> cues once per paragraph and skips empty cues", () => {
    const text = serializePlainText([
      { start: 0, end: 1, text: '<v Marie>Bonjour.' },
      { start: 1, end: 2, text: '<v Marie>Ça va ?' },
      { start: 2, end: 3, text: '<i> </i>' },
      { start: 3, end: 4, text: '<v.loud Paul>Oui !' },
    ]);
    assert.deepEqual(paragraphs(text), ['Marie: Bonjour. Ça va ?', 'Paul: Oui !']);
    assert.equal(serializePlainText([]), '');
  });
});
