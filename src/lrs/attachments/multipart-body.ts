import { XapiError } from '../xapi/xapi-error.js';

/** One body part of a multipart entity: its headers (names lower-cased) and its content, untouched. */
export interface MultipartPart {
  headers: Record<string, string>;
  content: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

/**
 * The `boundary` parameter of a multipart Content-Type header, quoted or not (RFC 2046 5.1.1,
 * RFC 2045 5.1), or undefined when there is none.
 */
export function boundaryParameter(contentTypeHeader: string | undefined): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentTypeHeader ?? '');
  const boundary = match?.[1] ?? match?.[2];
  return boundary ? boundary : undefined;
}

/**
 * Splits a multipart body into its parts (RFC 2046 5.1.1): the preamble before the first
 * delimiter and the epilogue after the close delimiter are ignored; each delimiter is CRLF "--"
 * boundary (the first one may open the body), the last one is followed by "--". A body that does
 * not follow this is refused: guessing where parts end would hand the LRS wrong attachment data.
 */
export function parseMultipart(body: Buffer, contentTypeHeader: string | undefined): MultipartPart[] {
  const boundary = boundaryParameter(contentTypeHeader);
  if (!boundary) throw new XapiError(400, 'A multipart/mixed request needs a boundary parameter in its Content-Type header.');
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.concat([CRLF, dashBoundary]);

  const opensBody = body.subarray(0, dashBoundary.length).equals(dashBoundary);
  let at = opensBody ? 0 : body.indexOf(delimiter);
  if (at < 0) throw new XapiError(400, `The multipart body has no boundary line "--${boundary}".`);
  if (!opensBody) at += CRLF.length;

  const parts: MultipartPart[] = [];
  for (;;) {
    let next = at + dashBoundary.length;
    if (body[next] === 0x2d && body[next + 1] === 0x2d) break; // "--": the close delimiter
    while (body[next] === 0x20 || body[next] === 0x09) next++; // transport padding
    if (body[next] !== 0x0d || body[next + 1] !== 0x0a) {
      throw new XapiError(400, `The multipart boundary line "--${boundary}" must end the line it is on.`);
    }
    const start = next + CRLF.length;
    const end = body.indexOf(delimiter, start);
    if (end < 0) throw new XapiError(400, `The multipart body does not end with the close delimiter "--${boundary}--".`);
    parts.push(parsePart(body.subarray(start, end), parts.length + 1));
    at = end + CRLF.length;
  }
  if (parts.length === 0) throw new XapiError(400, 'The multipart body has no parts.');
  return parts;
}

/** Header fields up to the first empty line (RFC 2046 5.1.1: a part may have none), then the content. */
function parsePart(part: Buffer, index: number): MultipartPart {
  if (part.subarray(0, CRLF.length).equals(CRLF)) return { headers: {}, content: part.subarray(CRLF.length) };
  const headersEnd = part.indexOf(HEADERS_END);
  if (headersEnd < 0) throw new XapiError(400, `Part ${index} of the multipart body has no empty line after its headers.`);
  const headers: Record<string, string> = {};
  // Folded lines (starting with a space or tab) continue the previous field (RFC 5322 2.2.3).
  const lines = part.subarray(0, headersEnd).toString('latin1').split(/\r\n(?![ \t])/);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new XapiError(400, `Part ${index} of the multipart body has a malformed header line "${line.slice(0, 80)}".`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).replace(/\r\n[ \t]/g, ' ').trim();
  }
  return { headers, content: part.subarray(headersEnd + HEADERS_END.length) };
}
