import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { encryptLrsPayload, lrsEndpointFor } from '../../../../src/classroom/bbb-xapi/lrs-payload.js';

/**
 * bbb-webhooks' src/out/xapi/decrypt.js, rewritten here independently of Amphi's code: what the
 * BBB server runs on `meta_secret-lrs-payload` with its shared secret.
 */
function decryptAsBbbWebhooks(payload: string, secret: string): string {
  const bytes = Buffer.from(payload, 'base64');
  const salt = bytes.subarray(8, 16);
  const keyIv = crypto.pbkdf2Sync(secret, salt, 10000, 48, 'sha256');
  const decipher = crypto.createDecipheriv('aes-256-cbc', keyIv.subarray(0, 32), keyIv.subarray(32));
  return decipher.update(bytes.subarray(16), undefined, 'utf8') + decipher.final('utf8');
}

/** bbb-webhooks' src/out/xapi/xapi.js (postToLRS): where it POSTs the statements. */
function statementsUrlAsBbbWebhooks(lrsEndpoint: string): string {
  return new URL('xAPI/statements', lrsEndpoint.replace(/\/xapi\/?(statements)?\/?$/i, '')).href;
}

const SECRET = 'bab3fd92bcd7d464';
const PAYLOAD = { lrs_endpoint: 'https://amphi.univ.example/', lrs_username: 'amphi_0123456789abcdef01234567', lrs_password: 'x'.repeat(43) };

describe('meta_secret-lrs-payload', () => {
  it('decrypts with the server secret the way bbb-webhooks does, to the JSON it expects', () => {
    const payload = encryptLrsPayload(PAYLOAD, SECRET);
    assert.match(payload, /^[A-Za-z0-9+/]+=*$/, 'base64 on one line (openssl -a -A)');
    assert.equal(Buffer.from(payload, 'base64').subarray(0, 8).toString('latin1'), 'Salted__');
    assert.deepEqual(JSON.parse(decryptAsBbbWebhooks(payload, SECRET)), PAYLOAD);
  });

  it('uses a fresh salt each time, and does not open with another secret', () => {
    const a = encryptLrsPayload(PAYLOAD, SECRET);
    assert.notEqual(a, encryptLrsPayload(PAYLOAD, SECRET));
    assert.throws(() => JSON.parse(decryptAsBbbWebhooks(a, 'another-secret-of-the-server')));
  });

  it('is what the README`s openssl command decrypts', { skip: spawnSync('openssl', ['version']).status !== 0 && 'no openssl' }, () => {
    const payload = encryptLrsPayload(PAYLOAD, SECRET);
    const out = spawnSync('openssl', ['aes-256-cbc', '-d', '-pass', `pass:${SECRET}`, '-pbkdf2', '-a', '-A'], { input: payload, encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), PAYLOAD);
  });

  it('gives an endpoint bbb-webhooks resolves to Amphi`s statements resource, under a sub-path too', () => {
    assert.equal(statementsUrlAsBbbWebhooks(lrsEndpointFor('https://amphi.univ.example')), 'https://amphi.univ.example/xAPI/statements');
    assert.equal(statementsUrlAsBbbWebhooks(lrsEndpointFor('https://univ.example/amphi')), 'https://univ.example/amphi/xAPI/statements');
    // What a naive `${PUBLIC_URL}/xapi/` would give behind a sub-path: the path is lost.
    assert.equal(statementsUrlAsBbbWebhooks('https://univ.example/amphi/xapi/'), 'https://univ.example/xAPI/statements');
  });
});
