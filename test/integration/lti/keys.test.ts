import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { publicJwks, rotateToolKeys } from '../../../src/lti/keys/tool-key.service.js';

describe('tool keys and JWKS', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  const jwks = async () => (await (await fetch(`${app.url}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
  const deps = () => ({ db: app.ctx.db, secrets: app.ctx.secrets, retentionDays: 30 });
  const sign = async () => {
    const key = await app.ctx.toolKeys.get();
    return new SignJWT({ hello: 'platform' }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuedAt().sign(key.key);
  };

  it('publishes one RS256 public key with its kid, never a private part', async () => {
    const { keys } = await jwks();
    assert.equal(keys.length, 1);
    const [key] = keys;
    assert.equal(key!.alg, 'RS256');
    assert.equal(key!.use, 'sig');
    assert.equal(key!.kty, 'RSA');
    assert.ok(typeof key!.kid === 'string');
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key![privatePart], undefined);
  });

  it('stores the private key encrypted at rest', async () => {
    const [row] = await app.ctx.db.selectFrom('tool_keys').select(['private_jwk_encrypted']).execute();
    assert.match(row!.private_jwk_encrypted, /^v1\./);
    assert.ok(!row!.private_jwk_encrypted.includes('"d"'));
  });

  it('rotates: signs with the new key and keeps publishing the old one until it expires', async () => {
    const tokenBefore = await sign();
    const oldKid = (await jwks()).keys[0]!.kid;
    const { kid } = await rotateToolKeys(deps());
    app.ctx.toolKeys.clear();

    const published = (await jwks()).keys.map((k) => k.kid);
    assert.deepEqual(new Set(published), new Set([kid, oldKid]));
    // A platform holding our JWKS verifies both the token signed before and the one after.
    const keySet = createLocalJWKSet(await jwks() as never);
    await jwtVerify(tokenBefore, keySet);
    const tokenAfter = await sign();
    const { protectedHeader } = await jwtVerify(tokenAfter, keySet);
    assert.equal(protectedHeader.kid, kid);

    const in31Days = new Date(Date.now() + 31 * 86_400_000);
    assert.deepEqual((await publicJwks(app.ctx.db, in31Days)).keys.map((k) => k.kid), [kid]);
  });
});
