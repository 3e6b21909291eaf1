import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { BrowserClient } from '../../support/browser-client.js';
import type { TestApp } from '../../support/test-app.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { startTestApp } from '../../support/test-app.js';
import { addPlatform } from '../../../src/lti/platforms/platform.service.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** Every way the id_token or the launch can be wrong gets a 4xx that says why, and nothing is stored. */
describe('LTI 1.3 launch rejections', () => {
  const fixture = useRegisteredPlatform();
  let app: TestApp;
  let platform: TestPlatform;
  beforeEach(() => {
    ({ app, platform } = fixture);
  });
  afterEach(async () => {
    // A refused launch leaves no session and no user behind.
    assert.equal((await app.ctx.db.selectFrom('lti_sessions').select('id').execute()).length, 0);
    assert.equal((await app.ctx.db.selectFrom('lti_users').select('id').execute()).length, 0);
  });

  async function refused(spec: LaunchSpec, status: number, message: RegExp) {
    const { response, html } = await platform.launch(app.url, spec);
    assert.equal(response.status, status, html.slice(0, 500));
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(html, message);
    return html;
  }

  it('refuses a signature that does not verify', async () => {
    const other = await generateKeyPair('RS256');
    await refused({ signWith: { key: other.privateKey, kid: platform.currentKey.kid } }, 401, /signature does not verify/);
  });

  it('refuses a key the platform does not publish, after refetching its JWKS once', async () => {
    const other = await generateKeyPair('RS256');
    const before = platform.jwksRequests;
    await refused({ signWith: { key: other.privateKey, kid: 'not-published' } }, 401, /key the platform does not publish/);
    assert.ok(platform.jwksRequests > before, 'JWKS refetched for the unknown kid');
  });

  it('refuses a token signed with a shared secret (HS256) or unsigned', async () => {
    const secret = new TextEncoder().encode('x'.repeat(32));
    await refused({ signWith: { key: secret, alg: 'HS256', kid: platform.currentKey.kid } }, 401, /algorithm is not allowed/);
    await refused(
      {
        idToken: (payload) =>
          `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`,
      },
      401,
      /refused/,
    );
  });

  it('refuses garbage instead of a JWT', async () => {
    await refused({ idToken: () => 'this-is-not-a-jwt' }, 401, /not a JWT/);
  });

  it('refuses another issuer', async () => {
    await refused({ tamper: (p) => (p.iss = 'https://evil.example') }, 401, /claim iss/);
  });

  it('refuses a token meant for another tool', async () => {
    await refused({ tamper: (p) => (p.aud = 'someone-else') }, 401, /claim aud/);
  });

  it('requires azp when aud has several values', async () => {
    await refused({ tamper: (p) => (p.aud = [platform.clientId, 'other']) }, 401, /azp must be/);
    await refused({ tamper: (p) => ((p.aud = [platform.clientId, 'other']), (p.azp = 'other')) }, 401, /azp/);
    const ok = await platform.launch(app.url, { tamper: (p) => ((p.aud = [platform.clientId, 'other']), (p.azp = platform.clientId)) });
    assert.equal(ok.response.status, 200);
    await app.reset();
    await app.register(platform);
  });

  it('refuses an expired token and one issued in the future, beyond the clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await refused({ tamper: (p) => ((p.iat = now - 120), (p.exp = now - 60)) }, 401, /expired/);
    await refused({ tamper: (p) => ((p.iat = now + 300), (p.exp = now + 360)) }, 401, /claim iat/);
  });

  it('refuses a nonce that is not the one of the login', async () => {
    await refused({ tamper: (p) => (p.nonce = 'replayed-nonce') }, 401, /nonce does not match/);
  });

  it('refuses a second use of the same state and nonce (replay)', async () => {
    const browser = new BrowserClient();
    const login = await platform.startLogin(app.url, { sub: 'u1' }, browser);
    const form = await platform.authorize(login.headers.get('location')!, browser);
    assert.equal((await browser.postForm(form.action, form.fields)).status, 200);
    const replay = await browser.postForm(form.action, form.fields);
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /already used/);
    await app.reset();
    await app.register(platform);
  });

  it('refuses an unknown or forged state', async () => {
    const browser = new BrowserClient();
    const login = await platform.startLogin(app.url, {}, browser);
    const form = await platform.authorize(login.headers.get('location')!, browser);
    const response = await browser.postForm(form.action, { ...form.fields, state: crypto.randomBytes(24).toString('base64url') });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /unknown, expired or already used/);
    // A genuine state whose payload was altered (another nonce, say) no longer verifies.
    const [body, mac] = form.fields.state!.split('.');
    const altered = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    altered.n = 'attacker-nonce';
    const tampered = await browser.postForm(form.action, { ...form.fields, state: `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${mac}` });
    assert.equal(tampered.status, 400);
  });

  it('refuses a deployment the platform did not register, unless new deployments are allowed', async () => {
    await refused({ deploymentId: 'unknown-deployment' }, 403, /Deployment unknown-deployment is not registered/);

    await app.reset();
    await app.register(platform, { allowNewDeployments: true });
    const { response } = await platform.launch(app.url, { deploymentId: 'course-level-2' });
    assert.equal(response.status, 200);
    const deployments = await app.ctx.db.selectFrom('deployments').select('deployment_id').orderBy('deployment_id').execute();
    assert.deepEqual(deployments.map((d) => d.deployment_id), ['1', 'course-level-2']);
    await app.reset();
    await app.register(platform);
  });

  it('refuses message types it does not handle and other LTI versions', async () => {
    await refused({ messageType: 'LtiSubmissionReviewRequest' }, 400, /does not handle LTI messages of type LtiSubmissionReviewRequest/);
    await refused({ tamper: (p) => (p[`${LTI}version`] = '1.1') }, 400, /version must be 1\.3\.0/);
    await refused({ tamper: (p) => delete p[`${LTI}message_type`] }, 400, /missing required LTI data/);
  });

  it('refuses a resource link launch without resource link or deployment id', async () => {
    await refused({ resourceLink: null }, 400, /resource_link/);
    await refused({ tamper: (p) => delete p[`${LTI}deployment_id`] }, 400, /deployment_id/);
    await refused({ tamper: (p) => delete p[`${LTI}roles`] }, 400, /roles/);
  });

  it('refuses a target_link_uri that is not the one of the login', async () => {
    await refused({ tamper: (p) => (p[`${LTI}target_link_uri`] = `${app.url}/somewhere-else`) }, 400, /target_link_uri/);
  });

  it('sends the person back to the LMS with lti_errormsg when the verified launch names a return URL', async () => {
    const returnUrl = `${platform.url}/mod/lti/return.php?course=42`;
    const { response } = await platform.launch(app.url, { deploymentId: 'nope', returnUrl, locale: 'fr', roles: [ROLE.learner] });
    assert.equal(response.status, 303);
    const location = new URL(response.headers.get('location')!);
    assert.equal(location.origin + location.pathname, `${platform.url}/mod/lti/return.php`);
    assert.equal(location.searchParams.get('course'), '42');
    assert.match(location.searchParams.get('lti_errormsg')!, /Le déploiement nope n’est pas enregistré/);
  });

  it('never redirects to a return URL from a token that did not verify', async () => {
    const other = await generateKeyPair('RS256');
    const { response } = await platform.launch(app.url, {
      returnUrl: 'https://phishing.example/',
      signWith: { key: other.privateKey, kid: platform.currentKey.kid },
    });
    assert.equal(response.status, 401);
  });

  it('answers a form without id_token or state with what is missing', async () => {
    const response = await new BrowserClient().postForm(`${app.url}/lti/launch`, { state: 'abc' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /id_token is required/);
    const json = await fetch(`${app.url}/lti/launch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: 'id_token=x',
    });
    assert.equal(json.status, 400);
    assert.equal(json.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const problem = (await json.json()) as { status: number; detail: string; code: string };
    assert.equal(problem.code, 'invalid-request');
    assert.match(problem.detail, /state is required/);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await new BrowserClient().postForm(`${app.url}/lti/launch`, { id_token: 'a'.repeat(200_000), state: 'x' });
    assert.equal(response.status, 413);
    assert.match(await response.text(), /larger than/);
  });

  it('refuses a JWT signed by a stranger who also forged the whole form', async () => {
    const stranger = await generateKeyPair('RS256');
    const token = await new SignJWT({ nonce: 'n' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setIssuer(platform.issuer)
      .setAudience(platform.clientId)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(stranger.privateKey);
    const response = await new BrowserClient().postForm(`${app.url}/lti/launch`, { id_token: token, state: 'made-up-state' });
    assert.equal(response.status, 400);
  });
});

describe('OIDC login initiation rejections', () => {
  let app: TestApp;
  let platform: TestPlatform;
  before(async () => {
    app = await startTestApp();
    platform = await TestPlatform.start();
    await app.register(platform);
  });
  after(async () => {
    await app.close();
    await platform.close();
  });

  const login = (params: Record<string, string>, accept = 'text/html') =>
    fetch(`${app.url}/lti/login?${new URLSearchParams(params)}`, { redirect: 'manual', headers: { Accept: accept } });

  it('redirects a valid login to the platform with a complete authentication request', async () => {
    const response = await login({ iss: platform.issuer, login_hint: 'u', target_link_uri: `${app.url}/lti/launch`, lti_message_hint: 'h', client_id: platform.clientId });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location')!);
    assert.equal(location.origin + location.pathname, platform.authLoginUrl);
    const p = Object.fromEntries(location.searchParams);
    assert.deepEqual(
      { scope: p.scope, response_type: p.response_type, response_mode: p.response_mode, prompt: p.prompt, client_id: p.client_id, redirect_uri: p.redirect_uri, login_hint: p.login_hint, lti_message_hint: p.lti_message_hint },
      { scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: platform.clientId, redirect_uri: `${app.url}/lti/launch`, login_hint: 'u', lti_message_hint: 'h' },
    );
    assert.ok(p.state!.length >= 32 && p.nonce!.length >= 32 && p.state !== p.nonce);
    assert.match(response.headers.get('set-cookie')!, /amphi-state-.*HttpOnly; SameSite=None; Secure; Partitioned/);
  });

  it('refuses an unregistered issuer, in HTML for people and problem+json for clients', async () => {
    const params = { iss: 'https://unknown.example', login_hint: 'u', target_link_uri: `${app.url}/lti/launch` };
    const page = await login(params);
    assert.equal(page.status, 400);
    assert.match(await page.text(), /No platform is registered with issuer https:\/\/unknown\.example/);
    const problem = await login(params, 'application/json');
    assert.equal(problem.status, 400);
    assert.equal(((await problem.json()) as { code: string }).code, 'unknown-platform');
  });

  it('caches no refusal: random issuers do not grow the platform cache, and a platform another process adds is seen at once', async () => {
    const other = await TestPlatform.start();
    try {
      const params = { iss: other.issuer, login_hint: 'u', target_link_uri: `${app.url}/lti/launch`, client_id: other.clientId };
      assert.equal((await login(params)).status, 400);
      // Added behind this process's back (as `amphi platform add` does on a shared PostgreSQL).
      await addPlatform(app.ctx.db, other.registration([other.deploymentId]), { allowNewDeployments: false });
      assert.equal((await login(params)).status, 302);
    } finally {
      await other.close();
    }
  });

  it('refuses an unknown client_id for a known issuer', async () => {
    const response = await login({ iss: platform.issuer, login_hint: 'u', target_link_uri: `${app.url}/lti/launch`, client_id: 'other' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /client_id other/);
  });

  it('names each missing or malformed field', async () => {
    const response = await login({ iss: 'not a url', target_link_uri: `${app.url}/lti/launch` });
    assert.equal(response.status, 400);
    const text = await response.text();
    assert.match(text, /iss: iss must be the platform issuer URL/);
    assert.match(text, /login_hint/);
  });

  it('refuses a target_link_uri outside this tool', async () => {
    const response = await login({ iss: platform.issuer, login_hint: 'u', target_link_uri: 'https://elsewhere.example/launch' });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /does not point at this Amphi/);
  });

  it('lets the platform a refused login names frame the refusal (its administrator reads it inside the LMS), and nobody when it names none', async () => {
    const ancestors = (response: Response) => /frame-ancestors ([^;]*)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]?.split(' ');
    const own = ["'self'", new URL(platform.issuer).origin];
    const target = `${app.url}/lti/launch`;
    const cases: [string, Record<string, string>, string[]][] = [
      ['target outside this tool', { iss: platform.issuer, client_id: platform.clientId, login_hint: 'u', target_link_uri: 'https://elsewhere.example/launch' }, own],
      ['no login_hint', { iss: platform.issuer, client_id: platform.clientId, target_link_uri: target }, own],
      ['target not a URL, no client_id (the issuer alone names it)', { iss: platform.issuer, login_hint: 'u', target_link_uri: 'launch' }, own],
      ['unknown client_id', { iss: platform.issuer, client_id: 'other', login_hint: 'u', target_link_uri: 'https://elsewhere.example/launch' }, ["'self'"]],
      ['unknown issuer', { iss: 'https://unknown.example', client_id: platform.clientId, login_hint: 'u', target_link_uri: target }, ["'self'"]],
    ];
    for (const [what, params, expected] of cases) {
      const response = await login(params);
      assert.equal(response.status, 400, what);
      assert.match(await response.text(), /<main class="amphi-page">/, what);
      assert.deepEqual(ancestors(response), expected, what);
    }
  });
});
