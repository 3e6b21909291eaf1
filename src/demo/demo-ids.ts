import crypto from 'node:crypto';
import { SeededRandom } from './seeded-random.js';

/** Namespace of the demo course's name-based ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('6d1f0c9a4b2e4f7d8a35c0e1b9d27f44', 'hex');

/**
 * A name-based UUID (RFC 9562 §5.5, version 5) from the seed and what the row is: the same seed
 * and options give the same ids in any database, and no two rows of one course share one.
 */
export function demoUuid(seed: number, ...parts: (string | number)[]): string {
  const hash = crypto.createHash('sha1').update(NAMESPACE).update(`${seed}\n${parts.join('\n')}`).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A generator of its own for one part of the course (a learner, a meeting): what one part draws
 * never shifts another's draws, so changing how videos are watched leaves the roster unchanged.
 */
export function demoRandom(seed: number, ...parts: (string | number)[]): SeededRandom {
  const hash = crypto.createHash('sha1').update(`${seed}\n${parts.join('\n')}`).digest();
  return new SeededRandom(hash.readUInt32BE(0));
}

/** Hex digits from the seed, for identifiers that are not UUIDs (BBB's internal meeting id, a credential key). */
export function demoHex(seed: number, length: number, ...parts: (string | number)[]): string {
  return crypto.createHash('sha256').update(`${seed}\n${parts.join('\n')}`).digest('hex').slice(0, length);
}
