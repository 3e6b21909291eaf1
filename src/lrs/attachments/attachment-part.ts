import { createHash } from 'node:crypto';

/**
 * The raw data of one Attachment, as a part of a multipart/mixed request or response carries it
 * (xAPI Communication 1.5.2): matched to the Attachment Objects of statements by `sha2` only.
 */
export interface AttachmentPart {
  /** The X-Experience-API-Hash of the part: hex SHA-2 of `content`. */
  sha2: string;
  /** The part's Content-Type, parameters included. */
  contentType: string;
  content: Buffer;
}

/** The usageType of a JWS that signs its statement (Data 2.6). */
export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';

/** Hex digest lengths of the SHA-2 family, which the "sha2" property may use (Data 2.4.11; Communication 1.5.2 names 256, 384 and 512). */
const SHA2_BY_HEX_LENGTH: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

/** True when `sha2` is the hex SHA-2 digest of `content`; which SHA-2 it is follows from its length. */
export function hashMatches(content: Buffer, sha2: string): boolean {
  const algorithm = SHA2_BY_HEX_LENGTH[sha2.length];
  if (!algorithm || !/^[0-9a-f]+$/i.test(sha2)) return false;
  return createHash(algorithm).update(content).digest('hex') === sha2.toLowerCase();
}
