import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { TestPlatform } from '../../support/test-platform.js';

describe('health, errors and headers', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('reports liveness and readiness', async () => {
    const health = await fetch(`${app.url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', database: 'ok' });
  });

  it('answers unknown API paths with problem+json and unknown pages with a page', async () => {
    const api = await fetch(`${app.url}/api/nothing`);
    assert.equal(api.status, 404);
    assert.equal(api.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const page = await fetch(`${app.url}/nothing`, { headers: { Accept: 'text/html', 'Accept-Language': 'fr' } });
    assert.equal(page.status, 404);
    assert.match(await page.text(), /<html lang="fr">[\s\S]*Il n’y a rien ici/);
  });

  it('tags each answer with a request id, keeping a sane incoming one', async () => {
    const fresh = await fetch(`${app.url}/healthz`);
    assert.match(fresh.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
    const kept = await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': 'lb-123' } });
    assert.equal(kept.headers.get('x-request-id'), 'lb-123');
    const replaced = await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': '<script>' } });
    assert.notEqual(replaced.headers.get('x-request-id'), '<script>');
  });

  it('sends security headers, no CORS, and lets no platform frame an anonymous page, registered or not', async () => {
    const before = await fetch(`${app.url}/lti/config`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(before.headers.get('access-control-allow-origin'), null);
    assert.equal(before.headers.get('x-content-type-options'), 'nosniff');
    assert.match(before.headers.get('content-security-policy')!, /frame-ancestors 'self'(;|$)/);
    assert.match(before.headers.get('content-security-policy')!, /script-src 'self'/);

    const platform = await TestPlatform.start();
    try {
      await app.register(platform);
      const after = await fetch(`${app.url}/lti/config`);
      assert.match(after.headers.get('content-security-policy')!, /frame-ancestors 'self'(;|$)/);
    } finally {
      await platform.close();
    }
  });

  it('shows the manual registration values, as a page and as JSON', async () => {
    const page = await (await fetch(`${app.url}/lti/config`, { headers: { Accept: 'text/html' } })).text();
    assert.match(page, new RegExp(`${app.url}/lti/login`));
    assert.match(page, new RegExp(`${app.url}/\\.well-known/jwks\\.json`));
    const json = (await (await fetch(`${app.url}/lti/config`, { headers: { Accept: 'application/json' } })).json()) as Record<string, unknown>;
    assert.equal(json.initiateLoginUrl, `${app.url}/lti/login`);
    assert.deepEqual(json.redirectionUris, [`${app.url}/lti/launch`]);
    assert.equal(json.dynamicRegistrationUrl, `${app.url}/lti/register`);
  });

  it('refuses the admin endpoint without its token', async () => {
    const response = await fetch(`${app.url}/admin/api/commands/platform-list`, { method: 'POST', headers: { Authorization: 'Bearer wrong' } });
    assert.equal(response.status, 401);
    const ok = await fetch(`${app.url}/admin/api/commands/platform-list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(ok.status, 200);
    const unknown = await fetch(`${app.url}/admin/api/commands/drop-everything`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(unknown.status, 404);
  });
});
