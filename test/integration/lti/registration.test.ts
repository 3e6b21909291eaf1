import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { addPlatform } from '../../../src/lti/platforms/platform.service.js';
import { BrowserClient, readBootstrap } from '../../support/browser-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';

const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

/**
 * One app in the default mode (LTI_DYNAMIC_REGISTRATION=code) reaching only 127.0.0.1 and ::1:
 * the test platform and the attacker's servers listen there, the "internal service" on 127.0.0.2.
 * The mode is read per request, so the open and closed tests switch it rather than start an app.
 */
describe('LTI Dynamic Registration against a Moodle-like platform', () => {
  let app: TestApp;
  let platform: TestPlatform;
  const servers: Hostile[] = [];

  before(async () => {
    app = await startTestApp({ LTI_DYNAMIC_REGISTRATION: 'code', OUTBOUND_ALLOW: '127.0.0.1,::1' });
  });
  after(async () => {
    await app.close();
    await platform.close();
  });
  beforeEach(async () => {
    app.config.lti.dynamicRegistration = 'code';
    await app.reset();
    await platform?.close();
    platform = await TestPlatform.start();
    await Promise.all(servers.splice(0).map((h) => h.close()));
  });

  async function openCode(args: Record<string, unknown> = {}): Promise<{ id: string; code: string; url: string; expiresAt: string }> {
    const response = await fetch(`${app.url}/admin/api/commands/registration-open`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { result: { id: string; code: string; url: string; expiresAt: string } }).result;
  }
  /** What Moodle opens after "Add LTI Advantage" with a fresh registration URL from the operator. */
  async function startWithCode(options: Parameters<TestPlatform['startDynamicRegistration']>[1] = {}): Promise<string> {
    return platform.startDynamicRegistration((await openCode()).url, options);
  }
  async function hostile(answer: Hostile['answer'], host?: string): Promise<Hostile> {
    const server = await startHostile(answer, host);
    servers.push(server);
    return server;
  }
  const asked = () => platform.openIdConfigurationRequests + platform.registrations.length;
  const platformCount = async () => (await app.ctx.db.selectFrom('platforms').select('id').execute()).length;

  it('registers with the operator’s URL, stores client_id and deployment, closes the window, and launches work at once', async () => {
    const opened = await openCode({ ttlSeconds: 3600 });
    assert.match(opened.url, new RegExp(`^${app.url}/lti/register\\?code=[\\w-]{20,}$`));
    const browser = new BrowserClient();
    // Moodle keeps the URL's own query and appends its two parameters.
    const response = await browser.get(await platform.startDynamicRegistration(opened.url));
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
    const codes = await app.ctx.db.selectFrom('registration_codes').selectAll().execute();
    assert.equal(codes.length, 1);
    assert.ok(codes[0]!.used_at, 'the code is spent');
    assert.equal(codes[0]!.platform_id, stored!.id);
    assert.ok(!JSON.stringify(codes).includes(opened.code), 'the code is stored hashed');

    const launch = await platform.launch(app.url, { deploymentId: '7', roles: [ROLE.instructor], name: 'Ana' });
    assert.equal(launch.response.status, 200, launch.html);
    assert.equal(readBootstrap(launch.html).session.user.name, 'Ana');
  });

  it('Moodle’s Update (reg-update signed by its key) changes the platform in place, without a code', async () => {
    const opened = await openCode();
    assert.equal((await new BrowserClient().get(await platform.startDynamicRegistration(opened.url))).status, 200);
    const [before] = await app.ctx.db.selectFrom('platforms').selectAll().execute();
    platform.openIdConfiguration = { ...platform.defaultOpenIdConfiguration(), authorization_endpoint: `${platform.url}/mod/lti/auth.php?v=2` };
    // Moodle's Update reuses the URL it was given, whose code is spent by now.
    const update = await new BrowserClient().get(await platform.startDynamicRegistration(opened.url, { update: '7' }));
    assert.equal(update.status, 200, await update.text());
    const platforms = await app.ctx.db.selectFrom('platforms').selectAll().execute();
    assert.equal(platforms.length, 1);
    assert.equal(platforms[0]!.id, before!.id);
    assert.equal(platforms[0]!.auth_login_url, `${platform.url}/mod/lti/auth.php?v=2`);
    assert.equal(platform.registrations.length, 2);
  });

  it('refuses a registration without a valid code before asking the platform anything', async () => {
    const none = await new BrowserClient({ acceptLanguage: 'fr' }).get(await platform.startDynamicRegistration(`${app.url}/lti/register`));
    assert.equal(none.status, 403);
    assert.match(await none.text(), /URL d’enregistrement fournie par son exploitant[\s\S]*amphi registration open/);
    const unknown = await new BrowserClient().get(await platform.startDynamicRegistration(`${app.url}/lti/register?code=not-a-code`));
    assert.equal(unknown.status, 403);
    assert.match(await unknown.text(), /unknown, expired or already used/);
    const expired = await openCode();
    await app.ctx.db.updateTable('registration_codes').set({ expires_at: new Date(Date.now() - 60_000) }).execute();
    assert.equal((await new BrowserClient().get(await platform.startDynamicRegistration(expired.url))).status, 403);
    const closed = await openCode();
    await app.ctx.db.updateTable('registration_codes').set({ closed_at: new Date() }).where('id', '=', closed.id).execute();
    assert.equal((await new BrowserClient().get(await platform.startDynamicRegistration(closed.url))).status, 403);
    assert.equal(asked(), 0);
    assert.equal(await platformCount(), 0);
  });

  it('a spent code registers nothing more, not even another client of the same Moodle', async () => {
    const opened = await openCode();
    assert.equal((await new BrowserClient().get(await platform.startDynamicRegistration(opened.url))).status, 200);
    const before = asked();
    const again = await new BrowserClient().get(await platform.startDynamicRegistration(opened.url, { clientId: 'client-second' }));
    assert.equal(again.status, 403);
    assert.match(await again.text(), /unknown, expired or already used/);
    assert.equal(asked(), before, 'refused before asking the platform');
    assert.equal(await platformCount(), 1);
  });

  it('two registrations racing with one code make one platform, and only the winner asks Moodle to make a tool', async () => {
    const opened = await openCode();
    const urls = await Promise.all(['client-a', 'client-b'].map((clientId) => platform.startDynamicRegistration(opened.url, { clientId })));
    const responses = await Promise.all(urls.map((url) => new BrowserClient().get(url)));
    const [won, lost] = responses.map((r) => r.status).sort();
    assert.equal(won, 200);
    // The loser finds the code held by the winner (409) or already spent (403).
    assert.ok(lost === 409 || lost === 403, String(lost));
    assert.equal(await platformCount(), 1);
    // A losing POST would leave a tool type in Moodle whose client_id Amphi never stores.
    assert.equal(platform.registrations.length, 1);
    assert.equal(platform.toolTypes.size, 1);
  });

  it('a code held by a registration in progress is refused before anything is fetched; a hold left by a crash lapses', async () => {
    const opened = await openCode();
    await app.ctx.db.updateTable('registration_codes').set({ reserved_by: crypto.randomUUID(), reserved_until: new Date(Date.now() + 60_000) }).execute();
    const busy = await new BrowserClient({ acceptLanguage: 'fr' }).get(await platform.startDynamicRegistration(opened.url));
    assert.equal(busy.status, 409);
    assert.match(await busy.text(), /en cours/);
    assert.equal(asked(), 0);
    await app.ctx.db.updateTable('registration_codes').set({ reserved_until: new Date(Date.now() - 1000) }).execute();
    const after = await new BrowserClient().get(await platform.startDynamicRegistration(opened.url));
    assert.equal(after.status, 200, await after.text());
    const [code] = await app.ctx.db.selectFrom('registration_codes').selectAll().execute();
    assert.ok(code!.used_at);
    assert.equal(code!.reserved_by, null);
  });

  it('a registration made with a code spends it, also when it ends as an update of a known platform', async () => {
    app.config.lti.dynamicRegistration = 'open';
    assert.equal((await new BrowserClient().get(await platform.startDynamicRegistration(`${app.url}/lti/register`))).status, 200);
    app.config.lti.dynamicRegistration = 'code';
    const [registered] = await app.ctx.db.selectFrom('platforms').selectAll().execute();
    const opened = await openCode();
    const update = await new BrowserClient().get(await platform.startDynamicRegistration(opened.url, { update: '7' }));
    assert.equal(update.status, 200, await update.text());
    assert.equal(await platformCount(), 1);
    const [code] = await app.ctx.db.selectFrom('registration_codes').selectAll().execute();
    assert.ok(code!.used_at, 'the first successful registration spends the code');
    assert.equal(code!.platform_id, registered!.id);
    const again = await new BrowserClient().get(await platform.startDynamicRegistration(opened.url, { clientId: 'client-second' }));
    assert.equal(again.status, 403);
    assert.equal(await platformCount(), 1);
  });

  it('attack: without a code, a registered university’s origin answers exactly as an unknown one, whatever its keys', async () => {
    // One university whose keys Amphi reads, one whose key set does not answer, one unknown.
    await addPlatform(app.ctx.db, platform.registration(), { allowNewDeployments: false });
    const keysDown = await hostile(() => ({ status: 500, body: '' }));
    await addPlatform(app.ctx.db, { ...moodleEndpoints(keysDown.origin), clientId: 'down-client', deploymentIds: ['1'] }, { allowNewDeployments: false });
    const stranger = await hostile(() => ({ status: 500, body: '' }));
    const other = await generateKeyPair('RS256');
    const tokens = ['x', await platform.signRegistrationToken({ sub: 'someone', scope: 'reg' }, { key: other.privateKey, kid: 'attacker' })];
    const answers = new Map<string, string[]>();
    for (const origin of [platform.url, keysDown.origin, stranger.origin]) {
      const seen: string[] = [];
      for (const start of [`${app.url}/lti/register`, `${app.url}/lti/register?code=not-a-code`]) {
        for (const token of tokens) {
          for (const accept of ['text/html', 'application/json']) {
            const response = await fetch(registerUrl(start, `${origin}/mod/lti/openid-configuration.php`, token), {
              headers: { Accept: accept, 'Accept-Language': 'fr', 'X-Request-Id': 'same-request' },
            });
            seen.push(`${response.status} ${response.headers.get('content-type')} ${await response.text()}`);
          }
        }
      }
      answers.set(origin, seen);
    }
    assert.deepEqual(answers.get(platform.url), answers.get(stranger.origin));
    assert.deepEqual(answers.get(keysDown.origin), answers.get(stranger.origin));
    assert.ok(!answers.get(platform.url)!.join().includes('127.0.0.1'), 'no issuer named');
    assert.equal(stranger.requests.length, 0);
    assert.equal(asked(), 0);
  });

  it('Moodle’s Update of a platform the operator added on the private network reaches it; without a known deployment the refusal says what to do', async () => {
    // 127.0.0.2 stands for the campus network: not in OUTBOUND_ALLOW, vetted by the operator's `amphi platform add`.
    const campus = await TestPlatform.start({ host: '127.0.0.2' });
    try {
      campus.toolTypes.set('12', campus.clientId); // the tool the Moodle administrator configured by hand
      await addPlatform(app.ctx.db, campus.registration(['12']), { allowNewDeployments: false });
      const [before] = await app.ctx.db.selectFrom('platforms').selectAll().execute();
      const update = await new BrowserClient().get(await campus.startDynamicRegistration(`${app.url}/lti/register`, { update: '12' }));
      assert.equal(update.status, 200, await update.text());
      assert.equal(campus.openIdConfigurationRequests, 1);
      assert.equal(campus.registrations.length, 1);
      const [after] = await app.ctx.db.selectFrom('platforms').selectAll().execute();
      assert.equal(after!.id, before!.id);
      assert.equal(after!.registered_via, 'manual');
      assert.equal(after!.product_family_code, 'moodle');

      // Added without --deployment and never launched: Amphi cannot tell that the token names its tool.
      await app.ctx.db.deleteFrom('deployments').execute();
      for (const [lang, text] of [['en', /--deployment/], ['fr', /--deployment/]] as const) {
        const refused = await new BrowserClient({ acceptLanguage: lang }).get(await campus.startDynamicRegistration(`${app.url}/lti/register`, { update: '12' }));
        assert.equal(refused.status, 403);
        const page = await refused.text();
        assert.match(page, text);
        assert.match(page, lang === 'fr' ? /Mettre à jour/ : /Update/);
      }
      assert.equal(campus.registrations.length, 1);
    } finally {
      await campus.close();
    }
  });

  it('refuses a configuration whose issuer is on another origin than its URL', async () => {
    platform.openIdConfiguration = { ...platform.defaultOpenIdConfiguration(), issuer: 'https://other.example' };
    const response = await new BrowserClient().get(await startWithCode());
    assert.equal(response.status, 400);
    assert.match(await response.text(), /https:\/\/other\.example[\s\S]*same origin/);
    assert.equal(platform.registrations.length, 0);
    assert.equal(await platformCount(), 0);
  });

  it('refuses a platform that does not offer private_key_jwt or RS256', async () => {
    platform.openIdConfiguration = { ...platform.defaultOpenIdConfiguration(), token_endpoint_auth_methods_supported: ['client_secret_basic'] };
    const response = await new BrowserClient().get(await startWithCode());
    assert.equal(response.status, 502);
    assert.match(await response.text(), /private_key_jwt/);
  });

  it('reports the platform’s refusal by its status only, and stores nothing', async () => {
    const response = await new BrowserClient().get(await startWithCode({ token: 'forged' }));
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.match(text, /registration endpoint answered HTTP 401/);
    assert.doesNotMatch(text, /invalid registration token/);
    assert.equal(await platformCount(), 0);
  });

  it('explains a missing openid_configuration', async () => {
    const response = await new BrowserClient().get(`${app.url}/lti/register`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /openid_configuration/);
  });

  it('attack: a configuration on another origin claiming a registered issuer does not take the platform over', async () => {
    const attacker = await hostile((req, origin) =>
      req.path === '/config' ? { status: 200, body: moodleConfiguration(victimIssuer, origin) } : { status: 200, body: registered('victim-client') },
    );
    // The old check was a string prefix: http://127.0.0.1:4123 "matched" http://127.0.0.1:41234/… .
    const victimIssuer = `http://127.0.0.1:${String(attacker.port).slice(0, 4)}`;
    await addPlatform(app.ctx.db, { ...moodleEndpoints(victimIssuer), clientId: 'victim-client', deploymentIds: ['1'] }, { allowNewDeployments: false });
    const before = await platformRows(app);

    // Even with a valid code (an attacker who obtained one), and of course without.
    const opened = await openCode();
    const prefix = await new BrowserClient().get(registerUrl(opened.url, `${attacker.origin}/config`, 'anything'));
    assert.equal(prefix.status, 400);
    assert.match(await prefix.text(), /same origin/);
    assert.equal((await new BrowserClient().get(registerUrl(`${app.url}/lti/register`, `${attacker.origin}/config`, 'anything'))).status, 403);
    // Another host name for the same address is another origin too.
    attacker.answer = (req, origin) => (req.path === '/config' ? { status: 200, body: moodleConfiguration(origin.replace('localhost', '127.0.0.1')) } : { status: 500, body: '' });
    const otherHost = await new BrowserClient().get(registerUrl(opened.url, `http://localhost:${attacker.port}/config`, 'anything'));
    assert.equal(otherHost.status, 400);

    assert.deepEqual(attacker.requests.filter((r) => r.method !== 'GET'), [], 'nothing was sent to a registration endpoint');
    assert.deepEqual(await platformRows(app), before);
  });

  it('attack: naming a registered issuer and client_id without a token signed by that platform’s key changes nothing', async () => {
    // The attacker serves a whole configuration at the issuer's own origin; only the platform's key is out of reach.
    const attacker = await hostile((req, origin) =>
      req.path === '/config' ? { status: 200, body: moodleConfiguration(origin) } : { status: 200, body: registered('victim-client') },
    );
    // Added by hand (amphi platform add), its keys published by the real platform.
    await addPlatform(
      app.ctx.db,
      { ...moodleEndpoints(attacker.origin), jwksUrl: platform.jwksUrl, clientId: 'victim-client', deploymentIds: ['1'] },
      { allowNewDeployments: false },
    );
    const before = await platformRows(app);
    const other = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const tokens: Record<string, string | undefined> = {
      'no token': undefined,
      'the attacker’s key': await platform.signRegistrationToken({ sub: 'victim-client', scope: 'reg' }, { key: other.privateKey, kid: 'attacker' }),
      'the attacker’s key under the platform’s kid': await platform.signRegistrationToken({ sub: '1', scope: 'reg-update' }, { key: other.privateKey, kid: platform.currentKey.kid }),
      'an expired token': await platform.signRegistrationToken({ sub: 'victim-client', scope: 'reg', iat: now - 7200, exp: now - 3600 }),
      'another scope': await platform.signRegistrationToken({ sub: 'victim-client', scope: 'openid' }),
      'no kid': await new SignJWT({ sub: 'victim-client', scope: 'reg', iat: now, exp: now + 3600 }).setProtectedHeader({ alg: 'RS256' }).sign(platform.currentKey.privateKey),
    };
    const opened = await openCode();
    for (const [name, token] of Object.entries(tokens)) {
      // With a code the configuration is read and the issuer found registered; without, it is not even read.
      for (const start of [opened.url, `${app.url}/lti/register`]) {
        const response = await new BrowserClient().get(registerUrl(start, `${attacker.origin}/config`, token));
        assert.equal(response.status, 403, `${name}: ${response.status}`);
        // Only the holder of a code learns that the issuer is registered.
        assert.match(await response.text(), start === opened.url ? /already registered/ : /only with a registration URL from its operator/, name);
      }
    }
    assert.deepEqual(attacker.requests.filter((r) => r.method !== 'GET'), [], 'nothing was sent to the registration endpoint');
    assert.deepEqual(await platformRows(app), before, 'the platform is unchanged');

    // The platform itself (its key, its kid) may update its registration, even one added by hand.
    const genuine = await new BrowserClient().get(
      registerUrl(`${app.url}/lti/register`, `${attacker.origin}/config`, await platform.signRegistrationToken({ sub: 'victim-client', scope: 'reg' })),
    );
    assert.equal(genuine.status, 200, await genuine.text());
    const [updated] = await app.ctx.db.selectFrom('platforms').selectAll().execute();
    assert.equal(updated!.id, before.platforms[0]!.id);
    assert.equal(updated!.registered_via, 'manual');
    assert.equal(updated!.jwks_url, `${attacker.origin}/jwks`);
  });

  it('attack: a registration endpoint or key set on another origin is refused before anything is sent', async () => {
    const attacker = await hostile(() => ({ status: 200, body: registered('stolen') }));
    const opened = await openCode();
    for (const field of ['registration_endpoint', 'jwks_uri', 'authorization_endpoint', 'token_endpoint']) {
      platform.openIdConfiguration = { ...platform.defaultOpenIdConfiguration(), [field]: `${attacker.origin}/x` };
      const response = await new BrowserClient().get(await platform.startDynamicRegistration(opened.url));
      assert.equal(response.status, 400, field);
      assert.match(await response.text(), new RegExp(`${field}[\\s\\S]*not on the issuer’s origin`), field);
    }
    assert.equal(attacker.requests.length, 0);
    assert.equal(platform.registrations.length, 0);
    assert.equal(await platformCount(), 0);
  });

  it('attack: no request reaches an internal service through /lti/register', async () => {
    // 127.0.0.2 is loopback too, and not in OUTBOUND_ALLOW.
    const internal = await hostile(() => ({ status: 200, body: { secret: 'internal' } }), '127.0.0.2');
    const internalUrl = `${internal.origin}/latest/meta-data`;
    const opened = await openCode();
    const direct = await new BrowserClient().get(registerUrl(opened.url, internalUrl, 'x'));
    assert.equal(direct.status, 502);
    assert.match(await direct.text(), /request to the platform’s configuration endpoint failed: [^<]*loopback, private[^<]*not in OUTBOUND_ALLOW/);
    assert.equal((await new BrowserClient().get(registerUrl(`${app.url}/lti/register`, internalUrl, 'x'))).status, 403);
    app.config.lti.dynamicRegistration = 'open';
    assert.equal((await new BrowserClient().get(registerUrl(`${app.url}/lti/register`, internalUrl, 'x'))).status, 502);
    app.config.lti.dynamicRegistration = 'code';
    platform.openIdConfiguration = { ...platform.defaultOpenIdConfiguration(), registration_endpoint: internalUrl };
    assert.equal((await new BrowserClient().get(await platform.startDynamicRegistration(opened.url))).status, 400);
    assert.equal(internal.requests.length, 0);
    const [code] = await app.ctx.db.selectFrom('registration_codes').selectAll().execute();
    assert.equal(code!.used_at, null, 'a failed registration does not spend the code');
    assert.equal(code!.reserved_by, null, 'nor keeps it held');
    platform.openIdConfiguration = undefined;
    assert.equal((await new BrowserClient().get(await platform.startDynamicRegistration(opened.url))).status, 200);
  });

  it('attack: what a remote answers with an error is never shown to the caller', async () => {
    const secret = 'db_password=hunter2 internal-admin-console';
    const remote = await hostile((req, origin) =>
      req.path === '/config' ? { status: 200, body: moodleConfiguration(origin) } : { status: 400, body: secret, type: 'text/plain' },
    );
    const opened = await openCode();
    const refused = await new BrowserClient().get(registerUrl(opened.url, `${remote.origin}/config`, 'token'));
    assert.equal(refused.status, 502);
    const page = await refused.text();
    assert.match(page, /registration endpoint answered HTTP 400/);
    assert.ok(!page.includes('hunter2'), page);

    remote.answer = () => ({ status: 500, body: secret, type: 'text/plain' });
    const broken = await fetch(registerUrl(opened.url, `${remote.origin}/config`, 'token'), { headers: { Accept: 'application/json' } });
    assert.equal(broken.status, 502);
    const problem = await broken.text();
    assert.match(problem, /configuration endpoint answered HTTP 500/);
    assert.ok(!problem.includes('hunter2'), problem);
  });

  it('in open mode (a lab) needs no code, and the origin and token rules still hold', async () => {
    app.config.lti.dynamicRegistration = 'open';
    const response = await new BrowserClient().get(await platform.startDynamicRegistration(`${app.url}/lti/register`));
    assert.equal(response.status, 200, await response.text());
    const before = await platformRows(app);
    const stranger = await new BrowserClient().get(await platform.startDynamicRegistration(`${app.url}/lti/register`, { token: null }));
    assert.equal(stranger.status, 403);
    assert.deepEqual(await platformRows(app), before);
    // Whose key set cannot be read: anyone is told the token was not verified, only a code's holder why.
    await app.ctx.db.updateTable('platforms').set({ jwks_url: `${platform.url}/mod/lti/gone.php` }).execute();
    const unverified = await new BrowserClient().get(await platform.startDynamicRegistration(`${app.url}/lti/register`, { clientId: 'client-second' }));
    assert.equal(unverified.status, 403);
    const shown = await unverified.text();
    assert.match(shown, /could not be verified with the keys Amphi trusts/);
    assert.doesNotMatch(shown, /could not be read/);
    app.config.lti.dynamicRegistration = 'code';
    const holder = await new BrowserClient().get(await platform.startDynamicRegistration((await openCode()).url, { clientId: 'client-second' }));
    assert.equal(holder.status, 403);
    assert.match(await holder.text(), /published keys could not be read/);
    app.config.lti.dynamicRegistration = 'open';
    const json = (await (await fetch(`${app.url}/lti/config`, { headers: { Accept: 'application/json' } })).json()) as Record<string, unknown>;
    assert.equal(json.dynamicRegistration, 'open');
    assert.equal(json.dynamicRegistrationUrl, `${app.url}/lti/register`);
  });

  it('can be closed by the operator, and /lti/config says so', async () => {
    app.config.lti.dynamicRegistration = 'closed';
    const response = await new BrowserClient().get(await startWithCode());
    assert.equal(response.status, 403);
    assert.match(await response.text(), /Dynamic registration is closed/);
    assert.equal(asked(), 0);
    const config = await (await fetch(`${app.url}/lti/config`, { headers: { Accept: 'text/html', 'Accept-Language': 'fr' } })).text();
    assert.match(config, /L’enregistrement dynamique est désactivé/);
    assert.doesNotMatch(config, /lti\/register/);
  });

  it('/lti/config in code mode tells the Moodle administrator to ask for a registration URL', async () => {
    const en = await (await fetch(`${app.url}/lti/config`, { headers: { Accept: 'text/html' } })).text();
    assert.match(en, /Ask the operator of this Amphi for a registration URL/);
    assert.match(en, /amphi registration open/);
    const fr = await (await fetch(`${app.url}/lti/config`, { headers: { Accept: 'text/html', 'Accept-Language': 'fr' } })).text();
    assert.match(fr, /Demandez à l’exploitant de cet Amphi une URL d’enregistrement/);
    const json = (await (await fetch(`${app.url}/lti/config`, { headers: { Accept: 'application/json' } })).json()) as Record<string, unknown>;
    assert.equal(json.dynamicRegistration, 'code');
    assert.equal(json.dynamicRegistrationUrl, null);
  });
});

/** A registration start as an attacker writes it: any configuration URL, any token (or none). */
function registerUrl(start: string, openidConfiguration: string, token: string | undefined): string {
  const url = new URL(start);
  url.searchParams.set('openid_configuration', openidConfiguration);
  if (token !== undefined) url.searchParams.set('registration_token', token);
  return url.toString();
}

async function platformRows(app: TestApp) {
  return {
    platforms: await app.ctx.db.selectFrom('platforms').selectAll().execute(),
    deployments: await app.ctx.db.selectFrom('deployments').selectAll().orderBy('deployment_id').execute(),
  };
}

function moodleEndpoints(issuer: string) {
  return { issuer, authLoginUrl: `${issuer}/mod/lti/auth.php`, authTokenUrl: `${issuer}/mod/lti/token.php`, jwksUrl: `${issuer}/mod/lti/certs.php` };
}

/** A configuration shaped like Moodle's, claiming `issuer`, with its endpoints at `at`. */
function moodleConfiguration(issuer: string, at = issuer): Record<string, unknown> {
  return {
    issuer,
    token_endpoint: `${at}/token`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    jwks_uri: `${at}/jwks`,
    authorization_endpoint: `${at}/auth`,
    registration_endpoint: `${at}/register`,
    id_token_signing_alg_values_supported: ['RS256'],
    'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'moodle', messages_supported: ['LtiResourceLinkRequest'] },
  };
}

function registered(clientId: string) {
  return { client_id: clientId, [TOOL_CONFIG]: { deployment_id: '99' } };
}

interface HostileAnswer {
  status: number;
  body: unknown;
  type?: string;
}
interface Hostile {
  origin: string;
  port: number;
  requests: { method: string; path: string }[];
  answer: (req: { method: string; path: string }, origin: string) => HostileAnswer;
  close(): Promise<void>;
}

/** A server an attacker runs (or an internal service): records every request, answers as told. */
async function startHostile(answer: Hostile['answer'], host = '127.0.0.1'): Promise<Hostile> {
  const server = http.createServer((req, res) => {
    const entry = { method: req.method ?? '', path: new URL(req.url ?? '/', 'http://x').pathname };
    hostile.requests.push(entry);
    req.resume();
    req.on('end', () => {
      const { status, body, type } = hostile.answer(entry, `http://${req.headers.host}`);
      res.writeHead(status, { 'Content-Type': type ?? 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const hostile: Hostile = {
    origin: `http://${host}:${port}`,
    port,
    requests: [],
    answer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return hostile;
}
