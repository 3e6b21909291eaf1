import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Authenticated encryption for secrets at rest (private keys, platform secrets).
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts, AES-256-GCM.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The secret key must be 32 bytes');
    this.key = deriveKey(masterKey, 'amphi secret-box v1');
    this.sessionKeyBytes = deriveKey(masterKey, 'amphi session token v1');
    this.loginStateKeyBytes = deriveKey(masterKey, 'amphi login state v1');
  }

  /** Separate keys for session tokens and login states: one key never serves two purposes. */
  readonly sessionKeyBytes: Buffer;
  readonly loginStateKeyBytes: Buffer;

  encrypt(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(box: string): string {
    const [version, iv, tag, data] = box.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Not an Amphi secret box');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

function deriveKey(master: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

/**
 * The master key: SECRET_KEY when set, else a key file created once in DATA_DIR (embedded mode),
 * readable by the owner only.
 */
export function loadMasterKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) {
    const key = Buffer.from(secretKey, secretKey.includes('-') || secretKey.includes('_') ? 'base64url' : 'base64');
    if (key.length !== 32) throw new Error(`SECRET_KEY: must decode to 32 bytes, got ${key.length}`);
    return key;
  }
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}
