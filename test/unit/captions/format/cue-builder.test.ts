import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimedWord } from '../../../../src/captions/asr/speech-engine.js';
import { PHRASE_PAUSE_SECONDS, SENTENCE_PAUSE_SECONDS, buildCues } from '../../../../src/captions/format/cue-builder.js';
import { checkCues, lineLengths, visibleText } from '../../../../src/captions/format/cue-rules.js';
import { sanitizeCueText } from '../../../../src/captions/format/cue-text.js';
import { DEFAULT_CUE_LIMITS, type Cue, type CueLimits } from '../../../../src/captions/format/cue.js';

const limits = DEFAULT_CUE_LIMITS;

/** Words spoken at a steady pace; "|1.5" in the text is a 1.5 s silence. */
function say(text: string, { from = 0, wordsPerSecond = 2.8 } = {}): TimedWord[] {
  const words: TimedWord[] = [];
  let t = from;
  for (const part of text.split(/\s+/).filter(Boolean)) {
    if (part.startsWith('|')) {
      t += Number(part.slice(1));
      continue;
    }
    words.push({ word: part, start: t, end: t + 0.8 / wordsPerSecond, confidence: 0.9 });
    t += 1 / wordsPerSecond;
  }
  return words;
}

const squash = (text: string) => text.replace(/[\s\u00a0]+/g, '').toLowerCase();

/** What holds for any input: order, no overlap, whole milliseconds, every word kept in order. */
function assertWellFormed(cues: Cue[], words: readonly TimedWord[]) {
  cues.forEach((cue, k) => {
    assert.ok(cue.end > cue.start, `cue ${k} has a duration`);
    assert.equal(Math.round(cue.start * 1000) / 1000, cue.start);
    assert.equal(Math.round(cue.end * 1000) / 1000, cue.end);
    const next = cues[k + 1];
    if (next) assert.ok(next.start >= cue.end, `cue ${k} ends before cue ${k + 1} starts`);
    assert.deepEqual(sanitizeCueText(cue.text), { text: cue.text, changed: false }, 'the text is safe as it is');
  });
  assert.equal(squash(cues.map((cue) => visibleText(cue.text)).join(' ')), squash(words.map((w) => w.word).join(' ')));
}

const warningsOf = (cues: Cue[], cueLimits: CueLimits = limits) => checkCues(cues, cueLimits).map((w) => `${w.index}:${w.code}`);

describe('buildCues: where cues are cut', () => {
  it('cuts at pauses', () => {
    const words = say('bonjour à tous |1.2 nous allons commencer |0.8 le cours de chimie');
    const cues = buildCues(words, limits, { lang: 'fr' });
    assertWellFormed(cues, words);
    // After more than SENTENCE_PAUSE_SECONDS of silence, a lowercase engine's words start a sentence.
    assert.deepEqual(cues.map((c) => c.text), ['Bonjour à tous', 'Nous allons commencer', 'le cours de chimie']);
    assert.deepEqual(warningsOf(cues), []);
  });
  it('cuts at the end of a sentence, then at a comma, rather than anywhere', () => {
    const words = say('We begin with the history of the cell theory today. Then we look at the membrane, which controls what goes in and what goes out of every single cell in the body.');
    const cues = buildCues(words);
    assertWellFormed(cues, words);
    assert.deepEqual(warningsOf(cues), []);
    assert.ok(cues.some((c) => c.text.endsWith('today.')), 'a cue ends with the first sentence');
    assert.ok(cues.length >= 3);
    for (const cue of cues) assert.match(cue.text, /[.,]$/, cue.text);
  });
  it('splits two minutes of speech without a pause into cues within the limits', () => {
    const sentence = 'the students will study how enzymes speed up reactions inside living cells and why temperature matters so much';
    const words = say(Array.from({ length: 20 }, () => sentence).join(' '), { wordsPerSecond: 3 });
    assert.ok((words.at(-1) as TimedWord).end > 110);
    const cues = buildCues(words);
    assertWellFormed(cues, words);
    assert.deepEqual(warningsOf(cues), []);
    const lengths = cues.map((c) => visibleText(c.text).length);
    assert.ok(lengths.reduce((a, b) => a + b) / cues.length > 45, 'cues are reasonably full, not scraps');
  });
  it('breaks lines evenly and not after an article', () => {
    const words = say('the committee has decided that the new building opens in the autumn');
    const [cue, ...rest] = buildCues(words);
    assert.equal(rest.length, 0);
    const [first = 0, second = 0] = lineLengths((cue as Cue).text);
    assert.ok(Math.abs(first - second) <= 12, (cue as Cue).text);
    assert.doesNotMatch((cue as Cue).text, /\b(?:the|a|an|of|in)\n/i);
  });
});

describe('buildCues: timing', () => {
  it('holds a short cue into the silence after it, up to the minimum duration', () => {
    const words = say('oui |2 alors voyons la suite du programme');
    const cues = buildCues(words, limits, { lang: 'fr' });
    assert.equal(cues[0]?.text, 'Oui');
    assert.ok((cues[0] as Cue).end - (cues[0] as Cue).start >= limits.minDuration);
    assert.deepEqual(warningsOf(cues), []);
  });
  it('never overlaps the next cue to reach the minimum, and never holds past the media end', () => {
    const words: TimedWord[] = [
      { word: 'un', start: 0, end: 0.1, confidence: 1 },
      { word: 'deux', start: 0.2, end: 0.3, confidence: 1 },
      { word: 'trois', start: 0.35, end: 0.4, confidence: 1 },
      ...say('la suite arrive très vite après cela', { from: 0.5 }),
    ];
    const cues = buildCues(words, { ...limits, maxLines: 1, maxLineLength: 14 }, { mediaEnd: 2.9 });
    assertWellFormed(cues, words);
    assert.ok((cues.at(-1) as Cue).end <= 2.9);
  });
  it('keeps fast speech readable by holding cues into the pauses after them', () => {
    const words = say('pour résumer très rapidement ce que nous avons vu |1.2 les protéines sont des chaînes |1.2 d’acides aminés repliées', { wordsPerSecond: 4.5 });
    const cues = buildCues(words, limits, { lang: 'fr' });
    assertWellFormed(cues, words);
    assert.deepEqual(warningsOf(cues), []);
  });
  it('stays well-formed when speech is too fast for any reader', () => {
    const words = say(Array.from({ length: 150 }, (_, k) => `extraordinairement${k % 7}`).join(' '), { wordsPerSecond: 6 });
    const cues = buildCues(words);
    assertWellFormed(cues, words);
    const codes = new Set(checkCues(cues, limits).map((w) => w.code));
    for (const code of codes) assert.ok(code === 'too-fast' || code === 'too-short', code);
  });
  it('gives words that all start at once one cue rather than cues without time', () => {
    const words = ['a', 'b', 'c'].map((word) => ({ word, start: 1, end: 1, confidence: 1 }));
    const cues = buildCues(words, { ...limits, maxLines: 1, maxLineLength: 1 });
    assertWellFormed(cues, words);
    assert.equal(cues.length, 1);
  });
});

describe('buildCues: text', () => {
  it('keeps a word longer than a line whole, and cuts one longer than a cue', () => {
    const long = 'Pneumonoultramicroscopicsilicovolcanoconiosis-related';
    const words = say(`a ${long} b`);
    const cues = buildCues(words);
    assertWellFormed(cues, words);
    assert.ok(cues.some((c) => c.text.split('\n').includes(long)));
    const huge = 'x'.repeat(200);
    const hugeWords = say(`début ${huge} fin`);
    const hugeCues = buildCues(hugeWords);
    assertWellFormed(hugeCues, hugeWords);
    for (const cue of hugeCues) for (const length of lineLengths(cue.text)) assert.ok(length <= limits.maxLineLength);
  });
  it('spaces French punctuation and never starts a line with it', () => {
    const text = 'Bonjour ! Vous êtes prêts ? Le sujet du jour : la « photosynthèse » ; Pourquoi ? Parce que tout en dépend ! Voyez-vous ?';
    const words = say(`${text} ${text} ${text}`);
    // Engines that separate punctuation give it as its own word, or glued to the word.
    const glued = say('Vraiment? Oui: « non »!');
    for (const input of [words, glued]) {
      const cues = buildCues(input, { ...limits, maxLineLength: 20 }, { lang: 'fr' });
      assertWellFormed(cues, input);
      for (const line of cues.flatMap((c) => visibleText(c.text).split('\n'))) {
        assert.doesNotMatch(line, /^[?!:;»]/, line);
        assert.doesNotMatch(line, /«$/, line);
        assert.doesNotMatch(line, /[^\s\u00a0?!][?!:;»]|«[^\s\u00a0]|[ ][?!:;»]/, `no-break space before the mark: ${line}`);
      }
    }
  });
  it('glues punctuation and elisions given as words to their word', () => {
    const words = say("l' homme , dit - il , arrive . ( enfin )", { wordsPerSecond: 2 });
    const cues = buildCues(words, limits, { lang: 'fr' });
    assert.equal(cues.map((c) => c.text).join(' '), "L'homme, dit - il, arrive. (Enfin)");
  });
  it('capitalises sentences only for engines that give no case', () => {
    const lower = say(`so this is the plan |${SENTENCE_PAUSE_SECONDS + 0.2} i think it works |${PHRASE_PAUSE_SECONDS + 0.1} but we will see`);
    const cues = buildCues(lower, limits, { lang: 'en' });
    assert.deepEqual(cues.map((c) => c.text), ['So this is the plan', 'I think it works', 'but we will see']);
    const punctuated = buildCues(say('first point. second point? yes |0.2 indeed'));
    assert.equal(punctuated.map((c) => c.text).join(' '), 'First point. Second point? Yes indeed');
    const cased = buildCues(say('iPhone sales |2 rose in march'));
    assert.equal(cased.map((c) => c.text).join(' '), 'iPhone sales rose in march');
  });
  it('escapes markup characters and drops recogniser markers', () => {
    const words = say('<s> Tom & Jerry <unk> [noise] love <b>bold</b> </s>');
    const cues = buildCues(words);
    assert.equal(cues.map((c) => c.text).join(' '), 'Tom &amp; Jerry love &lt;b&gt;bold&lt;/b&gt;');
    assert.deepEqual(buildCues([]), []);
    assert.deepEqual(buildCues(say('[noise] <sil>')), []);
  });
});

/** Mulberry32: a small seeded generator, so that a failing stream can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often words of each length occur in running English or French text (per cent, lengths 1 to 12). */
const WORD_LENGTHS = [3, 17, 20, 16, 11, 9, 8, 6, 4, 3, 2, 1];

interface SpeechShape {
  /** Words per second inside a phrase. */
  rate: [number, number];
  /** Words per phrase. */
  phrase: [number, number];
  /** Seconds of silence between phrases. */
  pause: [number, number];
}

/** A random word stream: phrases of words (0.15–0.6 s, longer for longer words) separated by silences. */
function speech(seed: number, seconds: number, shape: SpeechShape, punctuate: boolean): TimedWord[] {
  const next = random(seed);
  const between = ([low, high]: [number, number]) => low + next() * (high - low);
  const words: TimedWord[] = [];
  let t = next() * 2;
  while (t < seconds) {
    const count = Math.round(between(shape.phrase));
    const slot = 1 / between(shape.rate);
    for (let k = 0; k < count; k++) {
      let pick = next() * 100;
      let length = 1;
      for (const share of WORD_LENGTHS) {
        pick -= share;
        if (pick < 0) break;
        length++;
      }
      let word = Array.from({ length: Math.min(length, 12) }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
      if (punctuate && k === count - 1) word += next() < 0.7 ? '.' : ',';
      const duration = Math.min(0.6, Math.max(0.15, 0.05 + 0.07 * length + next() * 0.05));
      words.push({ word, start: t, end: t + duration, confidence: 0.9 });
      t += Math.max(slot, duration + 0.02);
    }
    t += between(shape.pause);
  }
  return words;
}

describe('buildCues: random speech', () => {
  it('keeps 100 % of cues within the limits for realistic speech', () => {
    const realistic: SpeechShape = { rate: [2, 4], phrase: [2, 14], pause: [PHRASE_PAUSE_SECONDS, 2] };
    let total = 0;
    const faults: string[] = [];
    for (let seed = 1; seed <= 120; seed++) {
      const words = speech(seed, 120, realistic, seed % 2 === 0);
      const cues = buildCues(words);
      assertWellFormed(cues, words);
      total += cues.length;
      faults.push(...warningsOf(cues).map((w) => `seed ${seed} cue ${w}`));
    }
    assert.ok(total > 3000, `${total} cues`);
    assert.deepEqual(faults, [], `${((1 - faults.length / total) * 100).toFixed(2)} % within the limits`);
  });
  it('stays well-formed, and mostly within the limits, for hurried speech with short pauses', () => {
    const hurried: SpeechShape = { rate: [3, 5.5], phrase: [4, 30], pause: [0.1, 0.8] };
    let total = 0;
    let faulty = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const words = speech(seed, 120, hurried, seed % 3 === 0);
      const cues = buildCues(words, limits, { mediaEnd: (words.at(-1) as TimedWord).end + 0.5 });
      assertWellFormed(cues, words);
      total += cues.length;
      faulty += new Set(checkCues(cues, limits).map((w) => w.index)).size;
      for (const w of checkCues(cues, limits)) assert.ok(w.code === 'too-fast' || w.code === 'too-short', `seed ${seed}: ${w.code}`);
    }
    assert.ok(faulty / total < 0.25, `${faulty} of ${total} cues outside the limits`);
  });
});
