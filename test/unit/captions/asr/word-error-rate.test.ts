import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeWords, wordErrorRate } from '../../../support/word-error-rate.js';

describe('word error rate (test support)', () => {
  it('counts substitutions, deletions and insertions over the reference length', () => {
    assert.equal(wordErrorRate('the cat sat on the mat', 'the cat sat on the mat'), 0);
    assert.equal(wordErrorRate('the cat sat on the mat', 'the bat sat on mat'), 2 / 6);
    assert.equal(wordErrorRate('a b', 'a b c d'), 1);
    assert.equal(wordErrorRate('', ''), 0);
  });

  it('ignores case and punctuation, keeps apostrophes inside words', () => {
    assert.deepEqual(normalizeWords("Well, Mr. Dashwood — don't! 'Twas"), ['well', 'mr', 'dashwood', "don't", 'twas']);
    assert.equal(wordErrorRate(['Hello,', 'World!'], 'hello world'), 0);
  });
});
