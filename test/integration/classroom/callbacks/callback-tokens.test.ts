import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimCallbackToken, deleteExpiredCallbackTokens } from '../../../../src/classroom/callbacks/callback.repository.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';

/** The replay guard's table: a token is claimed once, and forgotten after its expiry (housekeeping). */
describe('classroom callback replay guard', () => {
  const t = useRegisteredPlatform();

  it('claims a token once and prunes the expired ones only', async () => {
    const db = t.app.ctx.db;
    const now = new Date();
    assert.equal(await claimCallbackToken(db, 'a'.repeat(64), 'analytics', new Date(now.getTime() - 1000)), true);
    assert.equal(await claimCallbackToken(db, 'a'.repeat(64), 'analytics', new Date(now.getTime() + 1000)), false, 'the same token twice');
    assert.equal(await claimCallbackToken(db, 'b'.repeat(64), 'recording-ready', new Date(now.getTime() + 86_400_000)), true);
    assert.equal(await deleteExpiredCallbackTokens(db, now), 1);
    const left = await db.selectFrom('classroom_callback_tokens').select('token_hash').execute();
    assert.deepEqual(left.map((r) => r.token_hash), ['b'.repeat(64)]);
  });
});
