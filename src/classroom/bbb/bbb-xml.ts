import { XMLParser } from 'fast-xml-parser';

/**
 * Reading BBB's XML answers. Every value stays a string (ids such as meetingID '0123' must not
 * become numbers); numbers and booleans are converted only where the result types say so, by the
 * helpers below. Lists are always arrays, even with one element or none.
 */

export type XmlNode = { [key: string]: unknown };

/** The repeated elements of the answers, by the end of their path (a metadata key never matches). */
const LIST_PATHS = ['attendees.attendee', 'meetings.meeting', 'recordings.recording', 'playback.format', 'images.image', 'breakoutRooms.breakout'];

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  processEntities: true,
  // Also decodes numeric character references (&#233; &#39;), which XML escapers may emit.
  htmlEntities: true,
  // The parser refuses these names outright (prototype pollution); another application's meta_
  // name must not make a whole getMeetings answer unreadable, so they are renamed instead.
  transformTagName: (name) => (RESERVED_NAMES.has(name) ? `__${name}` : name),
  isArray: (_tagName, jPath) => typeof jPath === 'string' && LIST_PATHS.some((suffix) => jPath.endsWith(`.${suffix}`)),
});

export interface BbbXmlResponse {
  returncode: 'SUCCESS' | 'FAILED';
  messageKey: string;
  message: string;
  /** The <response> element's children. */
  body: XmlNode;
}

/**
 * The <response> of a BBB answer, or undefined when the text is not BBB's XML (an HTML error page,
 * a proxy's answer, truncated XML).
 */
export function parseBbbResponse(text: string): BbbXmlResponse | undefined {
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const response = isNode(document) ? document.response : undefined;
  if (!isNode(response)) return undefined;
  const returncode = text_(response.returncode).toUpperCase();
  if (returncode !== 'SUCCESS' && returncode !== 'FAILED') return undefined;
  return { returncode, messageKey: text_(response.messageKey), message: text_(response.message), body: response };
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An element's text: its string, the #text of an element with attributes, '' when absent or empty. */
export function text_(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return '';
}

/** An element holding a non-negative integer (BBB's Number type); `fallback` when absent or not a number. */
export function number_(value: unknown, fallback = 0): number {
  const raw = text_(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(raw)) return fallback;
  return Number(raw);
}

/** BBB's Boolean: the literal `true` (any case); anything else is false. */
export function boolean_(value: unknown): boolean {
  return text_(value).trim().toLowerCase() === 'true';
}

/** The children of a list element (`<attendees><attendee/>…</attendees>`); [] when absent or empty. */
export function list_(container: unknown, item: string): XmlNode[] {
  if (!isNode(container)) return [];
  const items = container[item];
  if (!Array.isArray(items)) return [];
  return items.filter(isNode);
}

/** A flat element of named strings, such as <metadata>; nested or empty children give ''. */
export function strings_(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isNode(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('@_') || key === '#text') continue;
    out[key] = text_(child);
  }
  return out;
}

/** An attribute of an element parsed with attributes (`@_name`). */
export function attribute_(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}
