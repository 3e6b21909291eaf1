import { mediaType } from '../http/alternate-syntax.js';
import type { XapiRequest } from '../http/xapi-request.js';
import { parseStatementsJson } from '../statements/statements-json.js';
import { XapiError } from '../xapi/xapi-error.js';
import { hashMatches, type AttachmentPart } from './attachment-part.js';
import { parseMultipart, type MultipartPart } from './multipart-body.js';

/**
 * The content of a PUT or POST to the Statement Resource: the statements (parsed JSON, not yet
 * validated) and the raw data of their attachments. Statements come as `application/json`, or as
 * the first part of a `multipart/mixed` body whose other parts are attachments (Communication
 * 1.5.1, 1.5.2). Any other type is refused with 400, as the conformance suite expects (XAPI-00127).
 */
export async function readStatementContent(req: XapiRequest): Promise<{ json: unknown; parts: AttachmentPart[] }> {
  if (req.contentType === 'application/json') return { json: await parseStatementsJson(req.body), parts: [] };
  if (req.contentType === 'multipart/mixed') return readMultipart(req.body, req.contentTypeHeader);
  throw new XapiError(
    400,
    `Statements must be sent as application/json or multipart/mixed, not ${req.contentType ?? 'without a Content-Type header'}.`,
  );
}

/**
 * Communication 1.5.2: the first part is the statements, typed application/json; every other
 * part is the data of an attachment, with `Content-Transfer-Encoding: binary` and an
 * `X-Experience-API-Hash` that is the SHA-2 of its content.
 */
async function readMultipart(body: Buffer, contentTypeHeader: string | undefined): Promise<{ json: unknown; parts: AttachmentPart[] }> {
  const [first, ...rest] = parseMultipart(body, contentTypeHeader);
  const firstType = mediaType(first!.headers['content-type']);
  if (firstType !== 'application/json') {
    throw new XapiError(400, `The first part of a multipart/mixed request must be the statements, typed application/json, not ${firstType ?? 'untyped'}.`);
  }
  return { json: await parseStatementsJson(first!.content), parts: rest.map((part, i) => attachmentPart(part, i + 2)) };
}

function attachmentPart(part: MultipartPart, index: number): AttachmentPart {
  const sha2 = part.headers['x-experience-api-hash'];
  if (!sha2) throw new XapiError(400, `Part ${index} of the multipart body has no X-Experience-API-Hash header; every attachment part needs one.`);
  const encoding = part.headers['content-transfer-encoding'];
  if (encoding?.toLowerCase() !== 'binary') {
    throw new XapiError(400, `Part ${index} of the multipart body must have "Content-Transfer-Encoding: binary", not ${encoding ?? 'none'}.`);
  }
  if (!hashMatches(part.content, sha2)) {
    throw new XapiError(400, `Part ${index} of the multipart body: its X-Experience-API-Hash ${sha2} is not the SHA-2 of its content.`);
  }
  return { sha2, contentType: part.headers['content-type'] || 'application/octet-stream', content: part.content };
}

