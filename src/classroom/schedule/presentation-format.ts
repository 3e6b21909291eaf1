/**
 * What a presentation file really is, read from its bytes (never from its name): only what
 * BigBlueButton converts (https://docs.bigbluebutton.org/administration/customize/#presentation
 * : office documents through LibreOffice, PDF, images). BBB picks its converter from the file
 * name's extension, so the name we hand it carries the extension of the detected format.
 */
export type PresentationFormat = { ok: true; ext: string; mime: string } | { ok: false; reason: PresentationRefusal };

export type PresentationRefusal = 'empty' | 'executable' | 'archive' | 'markup' | 'ole-unknown' | 'unknown';

const EXT_OF: Record<string, { ext: string; mime: string; also?: string[] }> = {
  pdf: { ext: 'pdf', mime: 'application/pdf' },
  png: { ext: 'png', mime: 'image/png' },
  jpg: { ext: 'jpg', mime: 'image/jpeg', also: ['jpeg'] },
  rtf: { ext: 'rtf', mime: 'application/rtf' },
  txt: { ext: 'txt', mime: 'text/plain; charset=utf-8' },
  doc: { ext: 'doc', mime: 'application/msword' },
  xls: { ext: 'xls', mime: 'application/vnd.ms-excel' },
  ppt: { ext: 'ppt', mime: 'application/vnd.ms-powerpoint' },
  docx: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { ext: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  odt: { ext: 'odt', mime: 'application/vnd.oasis.opendocument.text' },
  odp: { ext: 'odp', mime: 'application/vnd.oasis.opendocument.presentation' },
  ods: { ext: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet' },
};

export function detectPresentationFormat(bytes: Buffer): PresentationFormat {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const starts = (sig: number[] | string, at = 0) =>
    typeof sig === 'string' ? bytes.subarray(at, at + sig.length).toString('latin1') === sig : sig.every((b, i) => bytes[at + i] === b);
  const found = (key: string): PresentationFormat => ({ ok: true, ext: EXT_OF[key]!.ext, mime: EXT_OF[key]!.mime });
  if (starts('%PDF-')) return found('pdf');
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return found('png');
  if (starts([0xff, 0xd8, 0xff])) return found('jpg');
  if (starts('{\\rtf')) return found('rtf');
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleFormat(bytes, found);
  if (starts('PK\x03\x04')) return zipFormat(bytes, found);
  if (starts('MZ') || starts('\x7fELF') || starts([0xcf, 0xfa, 0xed, 0xfe]) || starts([0xca, 0xfe, 0xba, 0xbe]) || starts('#!')) {
    return { ok: false, reason: 'executable' };
  }
  return textFormat(bytes, found);
}

/** The name BBB will see: the uploaded name with the detected format's extension. */
export function presentationFileName(given: string, ext: string): string {
  const clean = given.replace(/[\\/]/g, '_').replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, 200) || 'presentation';
  const found = /\.([A-Za-z0-9]{1,5})$/.exec(clean);
  const dot = found && found.index > 0 ? found.index : -1;
  const current = dot > 0 ? found![1]!.toLowerCase() : '';
  const accepted = Object.values(EXT_OF).find((f) => f.ext === ext);
  if (current === ext || accepted?.also?.includes(current)) return clean;
  return `${dot > 0 ? clean.slice(0, dot) : clean}.${ext}`;
}

/** OLE2 compound files: Word, Excel and PowerPoint 97-2003 name their main stream; an .msi or .msg does not. */
function oleFormat(bytes: Buffer, found: (key: string) => PresentationFormat): PresentationFormat {
  const has = (stream: string) => bytes.includes(Buffer.from(stream, 'utf16le'));
  if (has('PowerPoint Document')) return found('ppt');
  if (has('WordDocument')) return found('doc');
  if (has('Workbook') || has('Book')) return found('xls');
  return { ok: false, reason: 'ole-unknown' };
}

/**
 * ZIP: an OpenDocument file starts with its uncompressed `mimetype` entry (ODF 1.2 part 3 §3.3);
 * an Office Open XML file has `[Content_Types].xml` and its main part (ECMA-376 part 2).
 * Anything else zipped is an archive BBB does not open.
 */
function zipFormat(bytes: Buffer, found: (key: string) => PresentationFormat): PresentationFormat {
  const odf = odfMimetype(bytes);
  if (odf === 'application/vnd.oasis.opendocument.text') return found('odt');
  if (odf === 'application/vnd.oasis.opendocument.presentation') return found('odp');
  if (odf === 'application/vnd.oasis.opendocument.spreadsheet') return found('ods');
  const names = new Set(zipEntryNames(bytes));
  if (names.has('[Content_Types].xml')) {
    if (names.has('ppt/presentation.xml')) return found('pptx');
    if (names.has('word/document.xml')) return found('docx');
    if (names.has('xl/workbook.xml')) return found('xlsx');
  }
  return { ok: false, reason: 'archive' };
}

function odfMimetype(bytes: Buffer): string | null {
  if (bytes.length < 30) return null;
  const method = bytes.readUInt16LE(8);
  const size = bytes.readUInt32LE(18);
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  if (method !== 0 || bytes.subarray(30, 30 + nameLength).toString('latin1') !== 'mimetype') return null;
  const start = 30 + nameLength + extraLength;
  if (size > 200 || start + size > bytes.length) return null;
  return bytes.subarray(start, start + size).toString('latin1');
}

/** The entry names of the central directory (APPNOTE.TXT §4.3.12, §4.3.16). */
function zipEntryNames(bytes: Buffer): string[] {
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Plain text: valid UTF-8, no NUL, and not markup (an HTML or SVG page is not a text to show). */
function textFormat(bytes: Buffer, found: (key: string) => PresentationFormat): PresentationFormat {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'unknown' };
  }
  if (text.includes('\0')) return { ok: false, reason: 'unknown' };
  if (/^\s*<(!doctype|html|head|body|script|svg|\?xml|!--)/i.test(text.replace(/^\uFEFF/, ''))) return { ok: false, reason: 'markup' };
  return found('txt');
}
