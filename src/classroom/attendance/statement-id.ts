import crypto from 'node:crypto';

/** Namespace of Amphi's classroom statement ids (a fixed random UUID). */
const NAMESPACE = 'a3f1c7e2-5b94-4d0e-9c8a-6e2f1b7d4c30';

/**
 * A name-based UUID (RFC 9562 §5.5, version 5: SHA-1): the same meeting, person, verb and time
 * always give the same statement id, so a callback sent twice, or a join reported by two callbacks,
 * is stored once (the LRS keeps the first; findStoredStatementIds skips the rest).
 */
export function statementId(...parts: string[]): string {
  const ns = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = crypto.createHash('sha1').update(ns).update(parts.join('\n')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
