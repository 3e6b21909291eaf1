import type { Attachment, Statement } from '../xapi/xapi.types.js';
import { XapiError } from '../xapi/xapi-error.js';
import { SIGNATURE_USAGE_TYPE, type AttachmentPart } from './attachment-part.js';
import { verifyStatementSignature } from './statement-signature.js';

/**
 * Matches the attachment parts of a request with the Attachment Objects of its (validated)
 * statements, by hash only (Communication 1.5.2), and checks signed statements (Data 2.6):
 * - an attachment without fileUrl needs a part with its sha2 (1.5.2 LRS requirements; XAPI-00129);
 * - every part is the data of some attachment (1.5.1; XAPI-00128);
 * - a signature attachment is application/octet-stream, its JWS is sent, and it verifies.
 * Call it on the statements as received, before the LRS sets id, stored, authority or version.
 * Throws XapiError(400) on the first problem.
 */
export function checkAttachments(statements: Statement[], parts: AttachmentPart[]): void {
  const partsBySha2 = new Map(parts.map((p) => [p.sha2.toLowerCase(), p]));
  const declared = new Set<string>();
  statements.forEach((statement, i) => {
    for (const [where, attachment] of attachmentsOf(statement, `statements[${i}]`)) {
      const sha2 = attachment.sha2.toLowerCase();
      declared.add(sha2);
      if (!attachment.fileUrl && !partsBySha2.has(sha2)) {
        throw new XapiError(400, `${where} has no fileUrl and no part of the request carries its data (X-Experience-API-Hash ${attachment.sha2}).`);
      }
    }
    for (const signature of statement.attachments?.filter((a) => a.usageType === SIGNATURE_USAGE_TYPE) ?? []) {
      checkSignature(statement, signature, partsBySha2.get(signature.sha2.toLowerCase()), `statements[${i}]`);
    }
  });
  for (const part of parts) {
    if (!declared.has(part.sha2.toLowerCase())) {
      throw new XapiError(400, `The request has a part (X-Experience-API-Hash ${part.sha2}) that no attachment of its statements declares.`);
    }
  }
}

/** Data 2.6.s4.b1: the JWS is an attachment typed application/octet-stream, sent with the statement. */
function checkSignature(statement: Statement, signature: Attachment, part: AttachmentPart | undefined, where: string): void {
  if (signature.contentType.split(';')[0]!.trim().toLowerCase() !== 'application/octet-stream') {
    throw new XapiError(400, `${where}: a signature attachment must have contentType application/octet-stream, not ${signature.contentType}.`);
  }
  if (!part) throw new XapiError(400, `${where}: the signature attachment (sha2 ${signature.sha2}) must be sent as a part of the request.`);
  try {
    verifyStatementSignature(statement, part.content.toString('utf8'));
  } catch (err) {
    if (err instanceof XapiError) throw new XapiError(400, `${where}: ${String(err.params.reason)}`);
    throw err;
  }
}

/**
 * The distinct sha2 (lower-cased) of the attachments of statements, SubStatements' included:
 * what to load for GET statements?attachments=true and to record with a stored statement.
 */
export function attachmentHashes(statements: Statement[]): string[] {
  const hashes = new Set<string>();
  for (const statement of statements) for (const [, a] of attachmentsOf(statement, '')) hashes.add(a.sha2.toLowerCase());
  return [...hashes];
}

/** A statement's attachments, then those of its SubStatement (Data 2.4.11 recommends sending those in the same request). */
function* attachmentsOf(statement: Statement, where: string): Generator<[string, Attachment]> {
  for (const [j, a] of (statement.attachments ?? []).entries()) yield [`${where}.attachments[${j}]`, a];
  const object = statement.object;
  if (object.objectType === 'SubStatement') {
    for (const [j, a] of (object.attachments ?? []).entries()) yield [`${where}.object.attachments[${j}]`, a];
  }
}
