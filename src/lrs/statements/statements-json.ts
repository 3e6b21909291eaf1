import { XapiError } from '../xapi/xapi-error.js';
import { Slices } from './cooperative.js';
import { requireStorableJson } from './validation/storable-json.js';

/**
 * The statements of a request body: UTF-8 JSON (RFC 8259 8.1), a leading byte order mark ignored
 * as that section allows; then a walk refusing what the database cannot store (NUL, lone
 * surrogates) and deep nesting, named as the validator names statements (`statement…`,
 * `statements[i]…`).
 *
 * A batch (an array) is given neither to one JSON.parse nor to one UTF-8 decoding, which would
 * each hold the event loop for the whole body (tens to hundreds of ms for 20 MB): one scan of the
 * bytes finds where its elements start and end (UTF-8 never uses bytes below 0x80 inside a
 * multi-byte character, so the ASCII punctuation of JSON can be found byte by byte), and each
 * element is decoded, parsed and checked on its own, in slices (cooperative.ts). Whatever the
 * scan cannot split (malformed JSON) goes to JSON.parse whole, so that the error is its own.
 */
export async function parseStatementsJson(content: Buffer): Promise<unknown> {
  const start = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
  const spans = await arrayElementSpans(content, start);
  if (!spans) return parseWhole(content, start);
  const slices = new Slices();
  const elements: unknown[] = new Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    try {
      elements[i] = JSON.parse(content.toString('utf8', spans[i]![0], spans[i]![1]));
    } catch {
      return parseWhole(content, start);
    }
    await slices.pause();
  }
  for (let i = 0; i < elements.length; i++) {
    // Depth 2: the elements of the array, as when the walk starts at the array itself.
    requireStorableJson(elements[i], `statements[${i}]`, 2);
    await slices.pause();
  }
  return elements;
}

/** One JSON.parse of the whole body, then the same storable walk: every way out of parseStatementsJson checks. */
function parseWhole(content: Buffer, start: number): unknown {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8', start));
  } catch (err) {
    throw new XapiError(400, `The statements are not valid JSON: ${(err as Error).message}`);
  }
  requireStorableJson(json, Array.isArray(json) ? 'statements' : 'statement');
  return json;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * [start, end) byte offsets of each top-level element of a JSON array (`[]` gives none), from
 * `from`; undefined when the text is not an array, or is malformed in a way the scan sees
 * (unbalanced, unterminated string, anything but whitespace after the array). Strings are
 * skipped with the native indexOf, so the scan costs little next to parsing; it pauses between
 * slices too.
 */
export async function arrayElementSpans(bytes: Buffer, from = 0): Promise<[number, number][] | undefined> {
  let i = skipWhitespace(bytes, from);
  if (bytes[i] !== 0x5b) return undefined;
  const spans: [number, number][] = [];
  const slices = new Slices();
  let depth = 1;
  let start = ++i;
  let steps = 0;
  for (; i < bytes.length; i++) {
    if (++steps % 4096 === 0) await slices.pause();
    const c = bytes[i];
    if (c === QUOTE) {
      i = closingQuote(bytes, i + 1);
      if (i < 0) return undefined;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
    } else if (c === 0x5d || c === 0x7d) {
      if (--depth === 0) break;
    } else if (c === COMMA && depth === 1) {
      spans.push([start, i]);
      start = i + 1;
    }
  }
  if (depth !== 0 || skipWhitespace(bytes, i + 1) !== bytes.length) return undefined;
  if (spans.length === 0 && skipWhitespace(bytes, start) === i) return [];
  spans.push([start, i]);
  return spans;
}

/** Offset of the quote that closes a string whose content starts at `from`, or -1. */
function closingQuote(bytes: Buffer, from: number): number {
  for (;;) {
    const q = bytes.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let k = q - 1;
    while (bytes[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    from = q + 1;
  }
}

function skipWhitespace(bytes: Buffer, i: number): number {
  while (i < bytes.length) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}
