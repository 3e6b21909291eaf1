import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { replayKey, verifyCallbackJwt } from '../../../../src/classroom/callbacks/callback-jwt.js';
import type { AppError } from '../../../../src/http/errors.js';

const secret = 'bbb-shared-secret-0123456789abcdef';
const sign = (payload: object, alg: 'HS256' | 'HS512', key = secret) => new SignJWT({ ...payload }).setProtectedHeader({ alg }).sign(new TextEncoder().encode(key));
const refusedWith = (code: string, detail?: RegExp) => (err: AppError) => err.status === 401 && err.code === code && (!detail || detail.test(String(err.params.reason)));

describe('BBB callback JWTs', () => {
  it('verifies recording-ready HS256 without exp, remembered 30 days', async () => {
    const token = await sign({ meeting_id: 'm', record_id: 'r' }, 'HS256');
    const verified = await verifyCallbackJwt(token, secret, 'HS256');
    assert.equal(verified.payload.record_id, 'r');
    assert.ok(verified.expiresAt.getTime() > Date.now() + 29 * 86_400_000);
    assert.match(verified.hash, /^[0-9a-f]{64}$/);
  });

  it('verifies analytics HS512 with exp, remembered until it expires', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const verified = await verifyCallbackJwt(await sign({ exp }, 'HS512'), secret, 'HS512', { requireExp: true });
    assert.ok(verified.expiresAt.getTime() >= exp * 1000);
  });

  it('refuses a missing token, another secret, another algorithm, no exp, an expired token, garbage', async () => {
    const now = Math.floor(Date.now() / 1000);
    await assert.rejects(verifyCallbackJwt(undefined, secret, 'HS256'), refusedWith('callback-jwt-missing'));
    await assert.rejects(verifyCallbackJwt(await sign({}, 'HS256', 'another-secret-another-secret'), secret, 'HS256'), refusedWith('callback-jwt-invalid', /signature/));
    await assert.rejects(verifyCallbackJwt(await sign({ exp: now + 60 }, 'HS256'), secret, 'HS512', { requireExp: true }), refusedWith('callback-jwt-invalid', /algorithm/));
    await assert.rejects(verifyCallbackJwt(await sign({}, 'HS512'), secret, 'HS512', { requireExp: true }), refusedWith('callback-jwt-invalid', /exp/));
    await assert.rejects(verifyCallbackJwt(await sign({ exp: now - 3600 }, 'HS512'), secret, 'HS512', { requireExp: true }), refusedWith('callback-jwt-expired'));
    await assert.rejects(verifyCallbackJwt('a.b.c', secret, 'HS256'), refusedWith('callback-jwt-invalid'));
  });

  it('keys the replay guard by callback and meeting too: one {exp} token can serve two meetings', () => {
    assert.notEqual(replayKey('analytics', 'meeting-1', 'h'), replayKey('analytics', 'meeting-2', 'h'));
    assert.equal(replayKey('analytics', 'meeting-1', 'h'), replayKey('analytics', 'meeting-1', 'h'));
  });
});
