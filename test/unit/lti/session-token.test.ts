import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { AppContext } from '../../../src/app-context.js';
import { signSessionToken, verifySessionToken } from '../../../src/lti/session/session.service.js';

const key = crypto.randomBytes(32);
const ctx = { secrets: { sessionKeyBytes: key }, config: { lti: { sessionTtlSeconds: 3600 } } } as unknown as AppContext;

/** The session token's check (node:crypto): only what signSessionToken wrote, unaltered, unexpired. */
describe('verifySessionToken', () => {
  it('gives back the session id of a token Amphi signed', async () => {
    const { token } = await signSessionToken(ctx, 'session-1');
    assert.equal(verifySessionToken(key, token, Date.now()), 'session-1');
  });

  it('refuses an expired token, another key, and any altered part', async () => {
    const { token, expiresAt } = await signSessionToken(ctx, 'session-1');
    assert.equal(verifySessionToken(key, token, expiresAt.getTime() + 1000), undefined);
    assert.equal(verifySessionToken(crypto.randomBytes(32), token, Date.now()), undefined);
    const [header, body, signature] = token.split('.');
    const otherBody = Buffer.from(JSON.stringify({ sub: 'session-2', aud: 'amphi-session', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    for (const altered of [`${header}.${otherBody}.${signature}`, `${header}.${body}.${signature}x`, `${header}.${body}.${signature}.x`, `${header}.${body}.${signature!.slice(0, -2)}`, `${header}.${body}`, '']) {
      assert.equal(verifySessionToken(key, altered, Date.now()), undefined, altered);
    }
  });

  it('refuses tokens with another header or audience, even correctly signed', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const withTyp = await new SignJWT({ sub: 's', aud: 'amphi-session', exp }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
    const otherAudience = await new SignJWT({ sub: 's', aud: 'other', exp }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    const noExp = await new SignJWT({ sub: 's', aud: 'amphi-session' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 's', aud: 'amphi-session', exp })).toString('base64url')}.`;
    for (const token of [withTyp, otherAudience, noExp, none]) assert.equal(verifySessionToken(key, token, Date.now()), undefined);
    const good = await new SignJWT({ sub: 's', aud: 'amphi-session', exp }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    assert.equal(verifySessionToken(key, good, Date.now()), 's', 'the same claims under the expected header pass: the refusals above are for their differences');
  });
});
