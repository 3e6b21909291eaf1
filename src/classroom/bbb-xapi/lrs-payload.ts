import crypto from 'node:crypto';

/**
 * `meta_secret-lrs-payload`: where BigBlueButton's own xAPI module sends a meeting's statements.
 *
 * Sources followed (bigbluebutton/bbb-webhooks, branch as of 2025-11, commit a001f1d):
 * - src/out/xapi/README.md, "meta_secret-lrs-payload": a JSON object `{lrs_endpoint, lrs_token}`
 *   (Bearer) or `{lrs_endpoint, lrs_username, lrs_password}` (Basic), encrypted "AES 256/PBKDF2"
 *   with the **server secret** as passphrase, base64 on one line, i.e. what
 *   `openssl aes-256-cbc -pass pass:<secret> -pbkdf2 -a -A` writes.
 * - src/out/xapi/decrypt.js, the code that reads it: base64 → bytes 0–7 the OpenSSL magic
 *   `Salted__`, bytes 8–15 the salt, the rest the ciphertext; PBKDF2-HMAC-SHA256, 10,000
 *   iterations (OpenSSL's -pbkdf2 default), 48 bytes = AES-256 key (32) then CBC IV (16);
 *   PKCS#7 padding.
 * - src/modules/index.js: the passphrase (`config.server.secret`) is `bbb.sharedSecret`, the
 *   BigBlueButton server's API shared secret, the one Amphi signs its calls with.
 * - src/out/xapi/xapi.js (postToLRS): Basic auth from lrs_username/lrs_password (Amphi's LRS
 *   credentials are Basic), `X-Experience-API-Version: 1.0.0`, POST to
 *   `new URL('xAPI/statements', lrs_endpoint minus a trailing /xapi[/statements][/])`.
 */
export interface LrsPayload {
  lrs_endpoint: string;
  lrs_username: string;
  lrs_password: string;
}

const MAGIC = Buffer.from('Salted__', 'latin1');
const ITERATIONS = 10_000;

/** The payload for a server whose shared secret is `serverSecret`; a fresh salt each time, as openssl. */
export function encryptLrsPayload(payload: LrsPayload, serverSecret: string): string {
  const salt = crypto.randomBytes(8);
  const keyIv = crypto.pbkdf2Sync(serverSecret, salt, ITERATIONS, 48, 'sha256');
  const cipher = crypto.createCipheriv('aes-256-cbc', keyIv.subarray(0, 32), keyIv.subarray(32));
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, salt, data]).toString('base64');
}

/**
 * The `lrs_endpoint` to give BigBlueButton: Amphi's base URL ending in '/'. bbb-webhooks resolves
 * `xAPI/statements` against it (a relative URL), after cutting a trailing `/xapi`: from
 * `https://host/amphi/xapi/` it would keep `https://host/amphi` and resolve to
 * `https://host/xAPI/statements`, losing the path. The base with its slash resolves to
 * `<PUBLIC_URL>/xAPI/statements`, which bbb-webhooks-path.ts hands to the LRS's /xapi/statements.
 */
export function lrsEndpointFor(publicUrl: string): string {
  return publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
}
