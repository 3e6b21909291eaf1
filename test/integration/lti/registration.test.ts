import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BrowserClient, readBootstrap } from '../../support/browser-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

describe('LTI Dynamic Registration against a Moodle-like platform', () => {
  let app: TestApp;
  let platform: TestPlatform;

  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
    await platform.close();
  });
  beforeEach(async () => {
    await app.reset();
    await platform?.close();
    platform = await TestPlatform.start();
  });

  it('registers, stores client_id and deployment, closes the window, and launches work at once', async () => {
    const browser = new BrowserClient();
    const response = await browser.get(platform.startDynamicRegistration(`${app.url}/lti/register`));
    const html = await response.text();
    assert.equal(response.status, 200, html);
    assert.match(html, /<script type="module" src="\/static\/registration-close\.js">/);
    assert.match(html, new RegExp(`data-client-id="${platform.clientId}"`));
    // Moodle frames the registration page before it knows the tool.
    assert.match(response.headers.get('content-security-policy')!, new RegExp(`frame-ancestors [^;]*${platform.url.replace(/\./g, '\\.')}`));

    const [request] = platform.registrations;
    assert.ok(request);
    assert.equal(request.application_type, 'web');
    assert.equal(request.token_endpoint_auth_method, 'private_key_jwt');
    assert.deepEqual(request.response_types, ['id_token']);
    assert.deepEqual(request.redirect_uris, [`${app.url}/lti/launch`]);
    assert.equal(request.initiate_login_uri, `${app.url}/lti/login`);
    assert.equal(request.jwks_uri, `${app.url}/.well-known/jwks.json`);
    const toolConfig = request[TOOL_CONFIG] as Record<string, any>;
    assert.equal(toolConfig.domain, new URL(app.url).host);
    assert.equal(toolConfig.target_link_uri, `${app.url}/lti/launch`);
    assert.deepEqual(toolConfig.messages.map((m: { type: string }) => m.type), ['LtiDeepLinkingRequest', 'LtiResourceLinkRequest']);
    assert.ok((request.scope as string).split(' ').includes('https://purl.imsglobal.org/spec/lti-ags/scope/score'));
    assert.ok(toolConfig.claims.includes('email'));

    const [stored] = await app.ctx.db.selectFrom('platforms').selectAll().execute();
    assert.equal(stored?.client_id, platform.clientId);
    assert.equal(stored?.issuer, platform.issuer);
    assert.equal(stored?.registered_via, 'dynamic');
    assert.equal(stored?.product_family_code, 'moodle');
    const deployments = await app.ctx.db.selectFrom('deployments').select('deployment_id').execute();
    assert.deepEqual(deployments.map((d) => d.deployment_id), ['7']);

    const launch = await platform.launch(app.url, { deploymentId: '7', roles: [ROLE.instructor], name: 'Ana' });
    assert.equal(launch.response.status, 200, launch.html);
    assert.equal(readBootstrap(launch.html).session.user.name, 'Ana');
  });

  it('updates the same platform on reg-update instead of creating another', async () => {
    await (await new BrowserClient().get(platform.startDynamicRegistration(`${app.url}/lti/register`))).text();
    const update = await new BrowserClient().get(platform.startDynamicRegistration(`${app.url}/lti/register`, { update: platform.clientId }));
    assert.equal(update.status, 200, await update.text());
    const platforms = await app.ctx.db.selectFrom('platforms').select(['client_id']).execute();
    assert.equal(platforms.length, 1);
  });

  it('refuses a configuration whose issuer does not match its URL', async () => {
    platform.openIdConfiguration = { ...(await configuration(platform)), issuer: 'https://other.example' };
    const response = await new BrowserClient().get(platform.startDynamicRegistration(`${app.url}/lti/register`));
    assert.equal(response.status, 502);
    assert.match(await response.text(), /does not match the configuration URL/);
    assert.equal(platform.registrations.length, 0);
    assert.equal((await app.ctx.db.selectFrom('platforms').select('id').execute()).length, 0);
  });

  it('refuses a platform that does not offer private_key_jwt or RS256', async () => {
    platform.openIdConfiguration = { ...(await configuration(platform)), token_endpoint_auth_methods_supported: ['client_secret_basic'] };
    const response = await new BrowserClient().get(platform.startDynamicRegistration(`${app.url}/lti/register`));
    assert.equal(response.status, 502);
    assert.match(await response.text(), /private_key_jwt/);
  });

  it('reports the platform’s refusal and stores nothing', async () => {
    platform.openIdConfiguration = undefined;
    const bad = new BrowserClient();
    const url = platform.startDynamicRegistration(`${app.url}/lti/register`).replace(/registration_token=[^&]+/, 'registration_token=forged');
    const response = await bad.get(url);
    assert.equal(response.status, 502);
    assert.match(await response.text(), /answered 401/);
    assert.equal((await app.ctx.db.selectFrom('platforms').select('id').execute()).length, 0);
  });

  it('explains a missing openid_configuration', async () => {
    const response = await new BrowserClient().get(`${app.url}/lti/register`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /openid_configuration/);
  });

  it('can be closed by the operator', async () => {
    const closed = await startTestApp({ LTI_DYNAMIC_REGISTRATION: 'closed' });
    try {
      const response = await new BrowserClient().get(platform.startDynamicRegistration(`${closed.url}/lti/register`));
      assert.equal(response.status, 403);
      assert.match(await response.text(), /Dynamic registration is closed/);
      assert.equal(platform.registrations.length, 0);
    } finally {
      await closed.close();
    }
  });
});

async function configuration(platform: TestPlatform): Promise<Record<string, unknown>> {
  platform.openIdConfiguration = undefined;
  return (await (await fetch(`${platform.url}/mod/lti/openid-configuration.php`)).json()) as Record<string, unknown>;
}
