import { createHash, timingSafeEqual } from 'node:crypto';
import type { ChecksumAlgorithm } from '../../../src/classroom/bbb/bbb.types.js';

/**
 * The server side of the API checksum, written from bbb-common-web (GetChecksum +
 * GetChecksumValidator), independently of Amphi's client so that it catches the client's mistakes:
 *
 * - the checksum parameter is cut out of the RAW query string as received, by string replacement
 *   (`&checksum=X`, `checksum=X&`, `checksum=X`), never by re-encoding the parsed parameters;
 * - the digest is `hex(H(callName + queryStringWithoutChecksum + secret))`;
 * - H is chosen by the length of the checksum sent (40 sha1, 64 sha256, 96 sha384, 128 sha512),
 *   and refused unless it is one of the server's supportedChecksumAlgorithms.
 */
const BY_LENGTH: Record<number, ChecksumAlgorithm> = { 40: 'sha1', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

export function queryWithoutChecksum(rawQuery: string, sent: string): string {
  return rawQuery
    .replace(`&checksum=${sent}`, '')
    .replace(`checksum=${sent}&`, '')
    .replace(`checksum=${sent}`, '');
}

export function isChecksumValid(
  callName: string,
  rawQuery: string,
  secret: string,
  supported: readonly ChecksumAlgorithm[],
): boolean {
  const sent = new URLSearchParams(rawQuery).get('checksum');
  if (!sent) return false;
  const algorithm = BY_LENGTH[sent.length];
  if (!algorithm || !supported.includes(algorithm)) return false;
  const expected = createHash(algorithm)
    .update(callName + queryWithoutChecksum(rawQuery, sent) + secret, 'utf8')
    .digest('hex');
  return expected.length === sent.length && timingSafeEqual(Buffer.from(expected), Buffer.from(sent));
}
