/**
 * Cue text as the WebVTT spec allows it, and nothing else. Imported files and the editor's input
 * pass through here before they are stored: the player renders cues through the browser's WebVTT
 * engine and the transcript through textContent, but the stored text must be safe on its own.
 */

/** Tags whose names the spec's cue text parser knows (any other start tag is dropped by browsers, or worse by HTML renderers). */
const SPAN_TAGS = new Set(['b', 'i', 'u', 'c', 'v', 'lang', 'ruby', 'rt']);

/** The entities kept as written: the ones the spec names for cue text. */
const KEPT_ENTITIES = new Set(['amp', 'lt', 'gt', 'lrm', 'rlm', 'nbsp']);

/**
 * Entities found in files written by HTML-minded tools, decoded to their character: a French file
 * with &eacute; should read "é", not "&eacute;". Others are left as text (the '&' escaped).
 */
const NAMED_CHARACTERS: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', lrm: '\u200e', rlm: '\u200f', nbsp: '\u00a0', quot: '"', apos: "'",
  eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', agrave: 'à', acirc: 'â', auml: 'ä', ccedil: 'ç',
  icirc: 'î', iuml: 'ï', ocirc: 'ô', ouml: 'ö', ugrave: 'ù', ucirc: 'û', uuml: 'ü', yuml: 'ÿ',
  Eacute: 'É', Egrave: 'È', Ecirc: 'Ê', Agrave: 'À', Acirc: 'Â', Ccedil: 'Ç', Ocirc: 'Ô', Ucirc: 'Û',
  oelig: 'œ', OElig: 'Œ', aelig: 'æ', szlig: 'ß', ntilde: 'ñ', laquo: '«', raquo: '»',
  hellip: '…', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', ndash: '–', mdash: '—',
  euro: '€', copy: '©', reg: '®', deg: '°', middot: '·', thinsp: '\u2009', shy: '',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
const TIMESTAMP_TAG = /^(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}$/;
const START_TAG = /^([A-Za-z]+)((?:\.[^\s.<>&]*)*)(?:[ \t\n]+([^]*))?$/;
const CLASS_NAME = /^[A-Za-z0-9_-]+$/;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
const CODE_ELEMENT = /<(script|style)\b[^>]*>[^]*?<\/\1\s*>/gi;
/** C0 controls but tab and line feed, DEL and the C1 controls: never meant as text. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The character a reference stands for, or null for a reference that names nothing usable. */
function referencedCharacter(decimal: string | undefined, hex: string | undefined, name: string | undefined): string | null {
  if (name !== undefined) return NAMED_CHARACTERS[name] ?? null;
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Text with every character reference it holds replaced by its character (unknown names left as written). */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, decimal?: string, hex?: string, name?: string) =>
    referencedCharacter(decimal, hex, name) ?? whole,
  );
}

/** Escapes what cue text cannot hold as itself. */
export function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeCharacter(character: string): string {
  return character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : character;
}

/** Rewrites one tag's inside (between '<' and '>'): the allowed tag as the spec writes it, '' to drop it, or null when it is no tag at all. */
function rewriteTag(inside: string): { tag: string; removed: boolean } | null {
  if (TIMESTAMP_TAG.test(inside)) return { tag: `<${inside}>`, removed: false };
  const first = inside[0] ?? '';
  if (first === '/') {
    const name = inside.slice(1).trim().toLowerCase();
    return SPAN_TAGS.has(name) ? { tag: `</${name}>`, removed: false } : { tag: '', removed: true };
  }
  if (!/[A-Za-z!?]/.test(first)) return null;
  const match = START_TAG.exec(inside);
  const name = match?.[1]?.toLowerCase() ?? '';
  if (!match || !SPAN_TAGS.has(name)) return { tag: '', removed: true };
  const classes = (match[2] ?? '').split('.').slice(1);
  const keptClasses = classes.filter((c) => CLASS_NAME.test(c));
  let removed = keptClasses.length !== classes.length;
  const annotation = (match[3] ?? '').replace(/\s+/g, ' ').trim();
  let kept = '';
  if (name === 'v') kept = annotation === '' ? '' : ` ${escapeAnnotation(annotation)}`;
  else if (name === 'lang' && LANGUAGE_TAG.test(annotation)) kept = ` ${annotation}`;
  else if (annotation !== '') removed = true;
  return { tag: `<${[name, ...keptClasses].join('.')}${kept}>`, removed };
}

/** A voice name keeps its characters; what would end or confuse the tag is escaped. */
function escapeAnnotation(annotation: string): string {
  return decodeEntities(annotation).replace(/[&<>]/g, escapeCharacter);
}

/**
 * Cue text the spec allows: the span tags (b, i, u, c with classes, v with a voice, lang with a
 * language, ruby, rt), internal timestamps and the spec's entities. Any other tag (script, img,
 * font, a…) is removed and its inner text kept (a script's or style's body goes too); a stray '<' or '&' is escaped; other entities are
 * decoded. Line breaks become '\n', lines are trimmed, empty lines dropped, text NFC-normalised
 * (accents typed as combining characters become the precomposed ones).
 *
 * `changed` says that markup was removed (a tag, an attribute, a class): the import reports it.
 * Escaping, decoding and whitespace do not count: what a viewer reads is the same.
 */
export function sanitizeCueText(text: string): { text: string; changed: boolean } {
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '');
  // A script's or a style's body is code, not words anyone said: it goes with its tags.
  const source = normalised.replace(CODE_ELEMENT, '');
  let out = '';
  let changed = source !== normalised;
  let i = 0;
  while (i < source.length) {
    const character = source[i] as string;
    if (character === '<') {
      const close = source.indexOf('>', i + 1);
      const nextOpen = source.indexOf('<', i + 1);
      const rewritten = close !== -1 && (nextOpen === -1 || nextOpen > close) ? rewriteTag(source.slice(i + 1, close)) : null;
      if (rewritten === null) {
        out += '&lt;';
        i += 1;
        continue;
      }
      out += rewritten.tag;
      changed ||= rewritten.removed;
      i = close + 1;
      continue;
    }
    if (character === '&') {
      ENTITY.lastIndex = i;
      const match = ENTITY.exec(source);
      if (match && match[3] !== undefined && KEPT_ENTITIES.has(match[3])) {
        out += match[0];
      } else if (match) {
        const decoded = referencedCharacter(match[1], match[2], match[3]);
        out += decoded === null ? `&amp;${match[0].slice(1)}` : escapeCharacter(decoded);
      } else {
        out += '&amp;';
        i += 1;
        continue;
      }
      i += match[0].length;
      continue;
    }
    // '-->' would end the cue's text in a WebVTT file.
    if (character === '>' && out.endsWith('--')) out += '&gt;';
    else out += character;
    i += 1;
  }
  const lines = out
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '');
  return { text: lines.join('\n'), changed };
}
