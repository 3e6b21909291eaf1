import crypto from 'node:crypto';

/**
 * Secrets are 32 random bytes: nobody can guess one, so a slow password hash (scrypt, bcrypt)
 * adds nothing but cost, and a CPU a client with a known key could exhaust by sending wrong
 * secrets. The SHA-256 of the secret is kept and compared in constant time.
 */
export function hashSecret(secret: string): string {
  return `sha256$${digest(secret).toString('base64url')}`;
}

export function verifySecret(secret: string, stored: string): boolean {
  const [scheme, hash] = stored.split('$');
  if (scheme !== 'sha256' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = digest(secret);
  return expected.length === actual.length && crypto.timingSafeEqual(actual, expected);
}

function digest(secret: string): Buffer {
  return crypto.createHash('sha256').update(secret, 'utf8').digest();
}

export function newCredentialKey(): string {
  return `amphi_${crypto.randomBytes(12).toString('hex')}`;
}

export function newCredentialSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
