import type { TimedWord } from '../asr/speech-engine.js';
import { DEFAULT_CUE_LIMITS, type Cue, type CueLimits } from './cue.js';
import { characterCount } from './cue-rules.js';
import { escapeCueText } from './cue-text.js';

/**
 * Recognised words to readable captions. Where to cut is chosen over the whole stream at once
 * (shortest path over word boundaries): every cue must fit the limits, which is a hard cost, and
 * among the cuttings that fit, cuts at pauses and sentence ends are cheapest, then at commas and
 * before clause words, then anywhere else but after an article. A cut's cost depends only on
 * the words of its cue and the start of the next one, so the search is exact and linear in the
 * number of words (a cue holds at most maxLines × maxLineLength characters).
 */

export interface BuildCuesOptions {
  /** BCP 47 language of the words: French ('fr…') gets its spacing before « ; : ! ? » and after «, and English a capital "I". */
  lang?: string;
  /** Seconds: no cue is held past the end of the media. */
  mediaEnd?: number;
}

/** A silence this long (seconds) between words is a phrase boundary: shorter gaps occur inside phrases (breaths, hesitations). */
export const PHRASE_PAUSE_SECONDS = 0.5;
/**
 * When the engine gives neither case nor punctuation (Vosk, pocketsphinx), a silence this long is
 * taken as the end of a sentence and the next word gets a capital: half-second pauses occur
 * inside sentences too often, a second seldom does.
 */
export const SENTENCE_PAUSE_SECONDS = 1;

const NBSP = '\u00a0';

/** Words a line or a cue should not end on: articles, prepositions, conjunctions, subject pronouns. */
const WEAK_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'into', 'and', 'or', 'but', 'as',
  'my', 'your', 'his', 'her', 'its', 'our', 'their', 'this', 'these', 'those', 'i', 'we', 'you', 'he', 'she', 'they', 'it',
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'à', 'au', 'aux', 'en', 'dans', 'sur', 'sous', 'par', 'pour', 'avec',
  'sans', 'chez', 'vers', 'et', 'ou', 'ce', 'cet', 'cette', 'ces', 'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'son', 'sa',
  'ses', 'notre', 'nos', 'votre', 'vos', 'leur', 'leurs', 'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles',
  'ne', 'se', 'que', 'qui',
]);
/** Words that open a clause: a cut before them reads well. */
const CLAUSE_WORDS = new Set([
  'and', 'but', 'or', 'so', 'because', 'which', 'that', 'who', 'when', 'where', 'while', 'if', 'then', 'although', 'since',
  'et', 'mais', 'ou', 'donc', 'car', 'parce', 'puisque', 'qui', 'que', 'quand', 'lorsque', 'si', 'puis', 'alors', 'comme', 'pendant',
]);

/** Recogniser markers that are no speech: <unk>, <sil>, [noise], [laughter]. */
const NON_SPEECH = /^(?:<[^>]*>|\[[^\]]*\])$/;
/** Punctuation that belongs to the word before it. */
const TRAILING_PUNCTUATION = /^[.,;:!?…»”’)\]%]+$/u;
/** Punctuation that belongs to the word after it. */
const LEADING_PUNCTUATION = /^[«“‘(\[¿¡"]+$/u;
/** A French elision (l', d', qu', jusqu') that the engine gave as its own word. */
const ELISION = /^[\p{L}]{1,6}['’]$/u;
const CLOSING = /[\s\u00a0\u202f»"”’')\]]+$/u;

interface Token {
  text: string;
  width: number;
  /** Milliseconds. */
  start: number;
  end: number;
  endsSentence: boolean;
  endsClause: boolean;
  opensClause: boolean;
  weak: boolean;
}

interface Rules {
  maxLines: number;
  maxLineLength: number;
  maxDuration: number;
  minDuration: number;
  maxCharsPerSecond: number;
  pause: number;
  mediaEnd: number;
}

const isFrench = (lang: string | undefined) => /^fr(?:-|$)/i.test(lang ?? '');

/** French spacing: a no-break space before « ; : ! ? » and after «, so that a line never starts with them. */
function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u202f]?([;:!?»])/g, (whole, mark: string, offset: number, all: string) => {
      const before = all[offset - 1] ?? '';
      // 10:30 keeps its colon, "?!" stays together; a mark at the start has nothing to attach to.
      if (before === '' || before === NBSP || (/[!?]/.test(before) && /[!?]/.test(mark)) || (mark === ':' && /\d/.test(before) && whole === mark)) return whole;
      return `${NBSP}${mark}`;
    })
    .replace(/«[ \u202f]?/g, `«${NBSP}`)
    .replace(new RegExp(`${NBSP}{2,}`, 'g'), NBSP);
}

/** Words as tokens: markers dropped, punctuation and elisions given alone glued to their word, times made monotonic in milliseconds. */
function tokenize(words: readonly TimedWord[], french: boolean): Token[] {
  const tokens: Token[] = [];
  let pending: { text: string; start: number } | null = null;
  let lastStart = 0;
  for (const word of words) {
    const text = word.word.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (text === '' || NON_SPEECH.test(text) || !Number.isFinite(word.start)) continue;
    const start = Math.max(Math.round(word.start * 1000), lastStart, 0);
    const end = Math.max(Number.isFinite(word.end) ? Math.round(word.end * 1000) : start, start);
    lastStart = start;
    const previous = tokens.at(-1);
    if (pending === null && previous && TRAILING_PUNCTUATION.test(text)) {
      previous.text += text;
      previous.end = Math.max(previous.end, end);
      continue;
    }
    if (LEADING_PUNCTUATION.test(text) || (french && ELISION.test(text))) {
      pending = pending ? { text: pending.text + text, start: pending.start } : { text, start };
      continue;
    }
    tokens.push(blankToken(pending ? pending.text + text : text, pending?.start ?? start, end));
    pending = null;
  }
  if (pending) {
    const previous = tokens.at(-1);
    if (previous) previous.text += ` ${pending.text}`;
    else tokens.push(blankToken(pending.text, pending.start, pending.start));
  }
  if (french) for (const token of tokens) token.text = frenchSpacing(token.text);
  return tokens;
}

function blankToken(text: string, start: number, end: number): Token {
  return { text, width: 0, start, end, endsSentence: false, endsClause: false, opensClause: false, weak: false };
}

function classify(token: Token): void {
  const bare = token.text.replace(CLOSING, '');
  token.endsSentence = /[.?!…]$/.test(bare);
  token.endsClause = !token.endsSentence && (/[,;:–—-]$/.test(bare) || /[»”)]$/.test(token.text));
  const lower = token.text.toLowerCase();
  token.opensClause = CLAUSE_WORDS.has(lower.replace(/^[^\p{L}]+/u, '')) || /^[«“(]/.test(token.text);
  token.weak = WEAK_WORDS.has(lower) || /^\p{L}$/u.test(token.text) || /['’]$/.test(token.text);
}

/**
 * Capitals, only for engines that give none (an all-lowercase stream): the first word, words after
 * a sentence's end, and, when there is no punctuation either, words after SENTENCE_PAUSE_SECONDS of
 * silence. Text from an engine that cases is left as it is: it knows proper nouns, we do not.
 */
function sentenceCase(tokens: Token[], lang: string | undefined): void {
  if (tokens.some((token) => /\p{Lu}/u.test(token.text))) return;
  const punctuated = tokens.some((token) => token.endsSentence);
  const english = /^en(?:-|$)/i.test(lang ?? '');
  tokens.forEach((token, k) => {
    const previous = tokens[k - 1];
    const opens = !previous || previous.endsSentence || (!punctuated && token.start - previous.end >= SENTENCE_PAUSE_SECONDS * 1000);
    if (opens) token.text = token.text.replace(/^([^\p{L}\p{N}]*)(\p{Ll})/u, (_all, lead: string, letter: string) => lead + letter.toLocaleUpperCase(lang));
    if (english) token.text = token.text.replace(/^i(?=$|[^\p{L}])/u, 'I');
  });
}

/** A word longer than a whole cue is cut into line-long pieces sharing its time; a word longer than a line only is kept whole. */
function cutOverlongWords(tokens: Token[], rules: Rules): Token[] {
  const maxWidth = rules.maxLineLength * rules.maxLines;
  if (!tokens.some((token) => token.width > maxWidth)) return tokens;
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.width <= maxWidth) {
      out.push(token);
      continue;
    }
    const characters = [...token.text];
    const pieces = Math.ceil(characters.length / rules.maxLineLength);
    for (let p = 0; p < pieces; p++) {
      const text = characters.slice(p * rules.maxLineLength, (p + 1) * rules.maxLineLength).join('');
      const start = Math.round(token.start + ((token.end - token.start) * p) / pieces);
      const end = Math.round(token.start + ((token.end - token.start) * (p + 1)) / pieces);
      const piece = { ...token, text, width: characterCount(text), start, end };
      if (p < pieces - 1) Object.assign(piece, { endsSentence: false, endsClause: false, weak: false });
      if (p > 0) piece.opensClause = false;
      out.push(piece);
    }
  }
  return out;
}

/** Costs, in one unit: a fault in a cue outweighs any amount of style. */
const FAULT = 1e6;
const FAULT_PER_MS = 1e3;
const CUT_ANYWHERE = 12;
const CUT_BEFORE_CLAUSE = 6;
const CUT_AT_CLAUSE = 4;
const CUT_AT_SENTENCE = 0;
const CUT_AFTER_WEAK = 20;
const PAUSE_INSIDE = 10;
const PAUSE_INSIDE_PER_SECOND = 5;
/** Cues shorter than this (characters) cost a little, so that a long phrase is not cut into a long cue and a scrap. */
const SHORT_CUE = 30;
const SHORT_CUE_PER_CHARACTER = 0.2;

/** What a cut between tokens[j - 1] and tokens[j] costs. */
function cutCost(tokens: readonly Token[], j: number, rules: Rules): number {
  const before = tokens[j - 1] as Token;
  const after = tokens[j] as Token;
  const gap = after.start - before.end;
  if (gap >= rules.pause) return 0;
  let cost = before.endsSentence ? CUT_AT_SENTENCE : before.endsClause ? CUT_AT_CLAUSE : after.opensClause ? CUT_BEFORE_CLAUSE : CUT_ANYWHERE;
  if (before.weak) cost += CUT_AFTER_WEAK;
  // A gap shorter than a pause is still a better place than none.
  return gap >= rules.pause / 2 ? cost / 2 : cost;
}

/** When the cue of tokens [i, j) ends, and what its faults cost (0: within the limits). */
function cueTiming(tokens: readonly Token[], i: number, j: number, characters: number, rules: Rules): { end: number; fault: number } {
  const start = (tokens[i] as Token).start;
  const speechEnd = (tokens[j - 1] as Token).end;
  const nextStart = j < tokens.length ? (tokens[j] as Token).start : rules.mediaEnd > start ? rules.mediaEnd : Number.POSITIVE_INFINITY;
  const latest = Math.min(nextStart, start + rules.maxDuration);
  const needed = Math.max(speechEnd, start + rules.minDuration, start + Math.ceil((characters * 1000) / rules.maxCharsPerSecond));
  if (latest <= start) return { end: latest, fault: FAULT * 100 };
  if (needed <= latest) return { end: needed, fault: 0 };
  return { end: latest, fault: FAULT + (needed - latest) * FAULT_PER_MS };
}

/** The cut points (indices where cues start, then tokens.length) of the cheapest cutting. */
function chooseCuts(tokens: readonly Token[], rules: Rules): number[] {
  const n = tokens.length;
  const best = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n + 1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    const base = best[i] as number;
    let lines = 1;
    let lineWidth = 0;
    let characters = 0;
    let pauses = 0;
    for (let j = i + 1; j <= n; j++) {
      const token = tokens[j - 1] as Token;
      if (j === i + 1) {
        lineWidth = token.width;
        characters = token.width;
      } else {
        const gap = token.start - (tokens[j - 2] as Token).end;
        if (lineWidth + 1 + token.width <= rules.maxLineLength) lineWidth += 1 + token.width;
        else {
          lines++;
          lineWidth = token.width;
        }
        characters += 1 + token.width;
        if (gap >= rules.pause) pauses += PAUSE_INSIDE + (PAUSE_INSIDE_PER_SECOND * gap) / 1000;
        // Greedy filling needs the fewest lines, and lines and span only grow: no longer cue can fit.
        if (lines > rules.maxLines || token.end - (tokens[i] as Token).start > rules.maxDuration) break;
      }
      let cost = base + pauses + cueTiming(tokens, i, j, characters, rules).fault;
      if (characters < SHORT_CUE) cost += (SHORT_CUE - characters) * SHORT_CUE_PER_CHARACTER;
      if (j < n) cost += cutCost(tokens, j, rules);
      if (cost < (best[j] as number)) {
        best[j] = cost;
        from[j] = i;
      }
    }
  }
  const cuts = [n];
  for (let j = n; j > 0; j = from[j] as number) cuts.push(from[j] as number);
  return cuts.reverse();
}

/** What a line break after tokens[k] costs, in squared characters (the unit of line balance). */
function lineBreakCost(tokens: readonly Token[], k: number): number {
  const before = tokens[k] as Token;
  const after = tokens[k + 1] as Token;
  if (before.endsSentence) return -150;
  if (before.endsClause) return -80;
  if (before.weak) return 400;
  if (after.opensClause) return -40;
  return 0;
}

/** The cue's words on as few lines as they need, the lines as even as the breaks allow. */
function layout(tokens: readonly Token[], rules: Rules): string[] {
  const k = tokens.length;
  const prefix = [0];
  for (const token of tokens) prefix.push((prefix.at(-1) as number) + token.width);
  const widthOf = (a: number, b: number) => (prefix[b] as number) - (prefix[a] as number) + b - a - 1;
  const fits = (a: number, b: number) => b - a === 1 || widthOf(a, b) <= rules.maxLineLength;
  let lineCount = 1;
  let lineWidth = -1;
  for (const token of tokens) {
    if (lineWidth >= 0 && lineWidth + 1 + token.width > rules.maxLineLength) {
      lineCount++;
      lineWidth = token.width;
    } else lineWidth += 1 + token.width;
  }
  const target = widthOf(0, k) / lineCount;
  // cost[l][p]: the cheapest way to put tokens [0, p) on l lines.
  const cost: number[][] = Array.from({ length: lineCount + 1 }, () => new Array<number>(k + 1).fill(Number.POSITIVE_INFINITY));
  const back: number[][] = Array.from({ length: lineCount + 1 }, () => new Array<number>(k + 1).fill(0));
  (cost[0] as number[])[0] = 0;
  for (let l = 1; l <= lineCount; l++) {
    for (let p = l; p <= k; p++) {
      for (let a = l - 1; a < p; a++) {
        const previous = (cost[l - 1] as number[])[a] as number;
        if (previous === Number.POSITIVE_INFINITY || !fits(a, p)) continue;
        const value = previous + (widthOf(a, p) - target) ** 2 + (p < k ? lineBreakCost(tokens, p - 1) : 0);
        if (value < ((cost[l] as number[])[p] as number)) {
          (cost[l] as number[])[p] = value;
          (back[l] as number[])[p] = a;
        }
      }
    }
  }
  const lines: string[] = [];
  for (let l = lineCount, p = k; l > 0; l--) {
    const a = (back[l] as number[])[p] as number;
    lines.unshift(
      tokens
        .slice(a, p)
        .map((token) => escapeCueText(token.text))
        .join(' '),
    );
    p = a;
  }
  return lines;
}

/**
 * Captions for recognised words: each cue at most `maxLines` lines of `maxLineLength` characters,
 * shown from its first word for at least `minDuration` and at most `maxDuration` seconds and long
 * enough to read at `maxCharsPerSecond`, held into the silence after it when its words are too
 * short or too fast, never past the next cue's start. Cues come in order, never overlap, and
 * their times are whole milliseconds.
 *
 * Within the limits whenever the timing allows it; when it does not (three words in 0.4 s and the
 * next one 0.1 s later; a word longer than a line), the cue is kept short or long rather than
 * overlapping or losing words.
 */
export function buildCues(words: readonly TimedWord[], limits: CueLimits = DEFAULT_CUE_LIMITS, options: BuildCuesOptions = {}): Cue[] {
  const rules: Rules = {
    maxLines: Math.max(1, Math.floor(limits.maxLines)),
    maxLineLength: Math.max(1, Math.floor(limits.maxLineLength)),
    maxDuration: Math.round(limits.maxDuration * 1000),
    minDuration: Math.round(limits.minDuration * 1000),
    maxCharsPerSecond: limits.maxCharsPerSecond,
    pause: PHRASE_PAUSE_SECONDS * 1000,
    mediaEnd: options.mediaEnd === undefined ? Number.POSITIVE_INFINITY : Math.round(options.mediaEnd * 1000),
  };
  let tokens = tokenize(words, isFrench(options.lang));
  tokens.forEach(classify);
  sentenceCase(tokens, options.lang);
  for (const token of tokens) {
    token.width = characterCount(token.text);
    classify(token);
  }
  tokens = cutOverlongWords(tokens, rules);
  if (tokens.length === 0) return [];

  const cuts = chooseCuts(tokens, rules);
  const cues: Cue[] = [];
  let carried: number | null = null;
  for (let c = 0; c + 1 < cuts.length; c++) {
    // A cue with no time of its own (its words start when the next cue's do) goes with the next.
    const i: number = carried ?? (cuts[c] as number);
    const j = cuts[c + 1] as number;
    const characters = tokens.slice(i, j).reduce((sum, token) => sum + token.width, j - i - 1);
    const { end } = cueTiming(tokens, i, j, characters, rules);
    const start = (tokens[i] as Token).start;
    if (end <= start && j < tokens.length) {
      carried = i;
      continue;
    }
    carried = null;
    cues.push({ start: start / 1000, end: Math.max(end, start + 1) / 1000, text: layout(tokens.slice(i, j), rules).join('\n') });
  }
  return cues;
}
