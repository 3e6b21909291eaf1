import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppContext } from '../../../../src/app-context.js';
import { callbackMeta, callbackToken, isCallbackTokenValid, meetingRowIdOf } from '../../../../src/classroom/callbacks/callback-urls.js';
import { SecretBox } from '../../../../src/crypto/secret-box.js';

const ctxWith = (key: number) => ({ secrets: new SecretBox(Buffer.alloc(32, key)), config: { http: { publicUrl: 'https://amphi.example.edu' } } }) as unknown as AppContext;
const meeting = { id: '6f1c2a9e-0b7d-4e3f-9a1b-2c3d4e5f6a7b', platform_id: 'platform-a' };

describe('classroom callback URLs', () => {
  const ctx = ctxWith(1);

  it('gives BBB the four meta URLs, the recording-ready one under both names', () => {
    const meta = callbackMeta(ctx, meeting);
    assert.deepEqual(Object.keys(meta).sort(), ['analytics-callback-url', 'bbb-recording-ready-url', 'bn-recording-ready-url', 'endCallbackUrl']);
    assert.match(meta.endCallbackUrl!, /^https:\/\/amphi\.example\.edu\/classroom\/callbacks\/end\/6f1c2a9e-0b7d-4e3f-9a1b-2c3d4e5f6a7b\.[A-Za-z0-9_-]{43}$/);
    assert.equal(meta['bbb-recording-ready-url'], meta['bn-recording-ready-url']);
    assert.match(meta['analytics-callback-url']!, /\/classroom\/callbacks\/analytics\//);
  });

  it('accepts its own token and refuses one of another kind, meeting, platform or key', () => {
    const token = callbackToken(ctx, 'analytics', meeting);
    assert.equal(meetingRowIdOf(token), meeting.id);
    assert.equal(isCallbackTokenValid(ctx, 'analytics', token, meeting), true);
    assert.equal(isCallbackTokenValid(ctx, 'end', token, meeting), false);
    assert.equal(isCallbackTokenValid(ctx, 'analytics', token, { ...meeting, platform_id: 'platform-b' }), false);
    assert.equal(isCallbackTokenValid(ctx, 'analytics', token, { ...meeting, id: '00000000-0000-4000-8000-000000000000' }), false);
    assert.equal(isCallbackTokenValid(ctxWith(2), 'analytics', token, meeting), false);
    assert.equal(isCallbackTokenValid(ctx, 'analytics', `${token}x`, meeting), false);
  });

  it('reads no meeting row out of something that is not a token', () => {
    for (const bad of ['', 'abc', `${meeting.id}`, `${meeting.id}.short`, `not-a-uuid.${'a'.repeat(43)}`]) assert.equal(meetingRowIdOf(bad), undefined, bad);
  });
});
