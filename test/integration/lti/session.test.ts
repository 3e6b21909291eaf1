import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readBootstrap } from '../../support/browser-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';

describe('launch session API', () => {
  let app: TestApp;
  let platform: TestPlatform;
  let token: string;
  let cookie: string;

  before(async () => {
    app = await startTestApp({ LTI_SESSION_TTL_SECONDS: '300' });
    platform = await TestPlatform.start();
    await app.register(platform);
    const launch = await platform.launch(app.url, { roles: [ROLE.learner], name: 'Inès' });
    token = readBootstrap(launch.html).token;
    cookie = launch.response.headers.getSetCookie().find((c) => c.startsWith('amphi-session='))!.split(';')[0]!;
  });
  after(async () => {
    await app.close();
    await platform.close();
  });

  const session = (headers: Record<string, string>, method = 'GET') =>
    fetch(`${app.url}/api/session${method === 'POST' ? '/refresh' : ''}`, { method, headers });

  it('answers 401 problem+json without a token, with a garbage one, or with a forged one', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer nonsense' }, { Authorization: `Bearer ${token.slice(0, -4)}AAAA` }]) {
      const response = await session(headers);
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(((await response.json()) as { code: string }).code, 'session-required');
    }
  });

  it('sets a partitioned session cookie as a bonus, accepted for reads only', async () => {
    assert.equal((await session({ Cookie: cookie })).status, 200);
    assert.equal((await session({ Cookie: cookie }, 'POST')).status, 401, 'a cross-site form could send the cookie: it is not enough to act');
  });

  it('renews the token while the session is within its maximum age', async () => {
    const response = await session({ Authorization: `Bearer ${token}` }, 'POST');
    assert.equal(response.status, 200);
    const { token: renewed, tokenExpiresAt } = (await response.json()) as { token: string; tokenExpiresAt: string };
    assert.ok(new Date(tokenExpiresAt).getTime() > Date.now() + 200_000);
    const me = await session({ Authorization: `Bearer ${renewed}` });
    assert.equal(((await me.json()) as { user: { name: string } }).user.name, 'Inès');
  });

  it('stops accepting the token once the session is over', async () => {
    await app.ctx.db.updateTable('lti_sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    assert.equal((await session({ Authorization: `Bearer ${token}` })).status, 401);
    assert.equal((await session({ Authorization: `Bearer ${token}` }, 'POST')).status, 401);
  });
});
