import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SecretBox, loadMasterKey } from '../../../src/crypto/secret-box.js';

describe('secret box', () => {
  const box = new SecretBox(Buffer.alloc(32, 3));

  it('round-trips and never shows the plaintext', () => {
    const sealed = box.encrypt('{"d":"private"}');
    assert.ok(!sealed.includes('private'));
    assert.notEqual(sealed, box.encrypt('{"d":"private"}'), 'a fresh IV each time');
    assert.equal(box.decrypt(sealed), '{"d":"private"}');
  });

  it('detects tampering and the wrong key', () => {
    const sealed = box.encrypt('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('XXXXXX').toString('base64url');
    assert.throws(() => box.decrypt(parts.join('.')));
    assert.throws(() => new SecretBox(Buffer.alloc(32, 4)).decrypt(sealed));
    assert.throws(() => box.decrypt('plain text'), /Not an Amphi secret box/);
  });

  it('creates the embedded key file once, readable by its owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-key-'));
    try {
      const first = loadMasterKey(undefined, dir);
      const second = loadMasterKey(undefined, dir);
      assert.equal(first.length, 32);
      assert.deepEqual(first, second);
      assert.equal(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('prefers SECRET_KEY and checks its length', () => {
    const key = Buffer.alloc(32, 9);
    assert.deepEqual(loadMasterKey(key.toString('base64'), '/nonexistent'), key);
    assert.throws(() => loadMasterKey(Buffer.alloc(16).toString('base64'), '/nonexistent'), /32 bytes/);
  });
});
