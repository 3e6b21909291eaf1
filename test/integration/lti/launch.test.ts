import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { BrowserClient, readBootstrap } from '../../support/browser-client.js';
import type { TestApp } from '../../support/test-app.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';

describe('LTI 1.3 launch', () => {
  const fixture = useRegisteredPlatform();
  let app: TestApp;
  let platform: TestPlatform;
  beforeEach(() => {
    ({ app, platform } = fixture);
  });

  it('opens a session for an instructor launching in French, usable with the page token', async () => {
    const { response, html, browser } = await platform.launch(app.url, {
      sub: 'teacher-1',
      name: 'Claire Dupont',
      email: 'claire.dupont@univ.example.fr',
      roles: [ROLE.instructor],
      locale: 'fr_FR',
    });
    assert.equal(response.status, 200, html);
    assert.match(html, /<html lang="fr">/);
    const { token, session } = readBootstrap(html);
    assert.equal(session.role, 'instructor');
    assert.equal(session.locale, 'fr');
    assert.equal(session.user.name, 'Claire Dupont');
    assert.equal(session.context.title, 'Introduction to Statistics');
    assert.deepEqual(session.route, { name: 'unconfigured', missingResource: false });

    const api = await fetch(`${app.url}/api/session`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(api.status, 200);
    const body = (await api.json()) as { user: { email: string }; role: string };
    assert.equal(body.user.email, 'claire.dupont@univ.example.fr');
    assert.equal(body.role, 'instructor');
    // The state cookie is single-use: cleared once the launch succeeded.
    assert.ok(!browser.cookieNames(`${app.url}/lti/launch`).some((n) => n.startsWith('amphi-state-')));
  });

  it('keeps the user, course and resource link of the launch', async () => {
    await platform.launch(app.url, { sub: 'student-9', name: 'Léo Martin', roles: [ROLE.learner], resourceLink: { id: 'rl-5', title: 'Lecture 5' } });
    const users = await app.ctx.db.selectFrom('lti_users').selectAll().execute();
    assert.deepEqual(users.map((u) => [u.sub, u.name]), [['student-9', 'Léo Martin']]);
    const links = await app.ctx.db.selectFrom('lti_resource_links').selectAll().execute();
    assert.deepEqual(links.map((l) => [l.resource_link_id, l.title]), [['rl-5', 'Lecture 5']]);
    const contexts = await app.ctx.db.selectFrom('lti_contexts').selectAll().execute();
    assert.deepEqual(contexts.map((c) => [c.context_id, c.label]), [['42', 'STAT101']]);
  });

  it('records every session completely when a whole class launches a new activity at the same moment', async () => {
    const launches = await Promise.all(
      Array.from({ length: 24 }, (_, i) => platform.launch(app.url, { sub: `student-${i}`, resourceLink: { id: 'rl-new', title: 'New' } })),
    );
    assert.deepEqual(launches.map((l) => l.response.status), launches.map(() => 200));
    const sessions = await app.ctx.db.selectFrom('lti_sessions').select(['user_id', 'context_id', 'resource_link_id']).execute();
    assert.equal(sessions.length, 24);
    for (const s of sessions) assert.ok(s.user_id && s.context_id && s.resource_link_id, JSON.stringify(s));
    assert.equal((await app.ctx.db.selectFrom('lti_resource_links').select('id').execute()).length, 1);
    assert.equal((await app.ctx.db.selectFrom('lti_contexts').select('id').execute()).length, 1);
  });

  it('updates the user when the LMS changes their name', async () => {
    await platform.launch(app.url, { sub: 'student-9', name: 'Léo Martin' });
    await platform.launch(app.url, { sub: 'student-9', name: 'Léo Martin-Durand' });
    const users = await app.ctx.db.selectFrom('lti_users').select(['name']).execute();
    assert.deepEqual(users, [{ name: 'Léo Martin-Durand' }]);
  });

  it('maps LTI roles to learner, instructor and admin', async () => {
    const cases: [string[], string][] = [
      [[ROLE.learner], 'learner'],
      [[], 'learner'],
      [[ROLE.teachingAssistant], 'instructor'],
      [['Instructor'], 'instructor'],
      [[ROLE.institutionAdmin, ROLE.instructor], 'admin'],
      [[ROLE.admin], 'admin'],
    ];
    for (const [roles, expected] of cases) {
      const { html } = await platform.launch(app.url, { roles });
      assert.equal(readBootstrap(html).session.role, expected, `roles ${roles.join(',')}`);
    }
  });

  it('takes the language from the launch, then from the browser', async () => {
    const en = await platform.launch(app.url, { locale: 'en-GB' });
    assert.equal(readBootstrap(en.html).session.locale, 'en');
    const de = await platform.launch(app.url, { locale: 'de' }, new BrowserClient({ acceptLanguage: 'fr-CA,fr;q=0.9' }));
    assert.equal(readBootstrap(de.html).session.locale, 'fr');
  });

  it('accepts the login initiation as a POST form too', async () => {
    const { response } = await platform.launch(app.url, { sub: 'u1' }, new BrowserClient(), { loginMethod: 'POST' });
    assert.equal(response.status, 200);
  });

  it('routes a link naming an unknown resource to the unconfigured page, a deep-linking request to content selection', async () => {
    const withResource = await platform.launch(app.url, { custom: { amphi_resource_id: 'res-123' } });
    assert.deepEqual(readBootstrap(withResource.html).session.route, { name: 'unconfigured', missingResource: true });
    const deepLinking = await platform.launch(app.url, { messageType: 'LtiDeepLinkingRequest', roles: [ROLE.instructor] });
    assert.equal(deepLinking.response.status, 200, deepLinking.html);
    assert.equal(readBootstrap(deepLinking.html).session.route.name, 'deep-linking');
  });

  it('lets only the platform of the launch frame its pages: never another registered platform, nobody on anonymous pages', async () => {
    const other = await TestPlatform.start();
    try {
      await app.register(other);
      const a = new URL(platform.url).origin;
      const b = new URL(other.url).origin;
      assert.notEqual(a, b);
      const ancestors = (response: Response) => /frame-ancestors ([^;]*)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]?.split(' ');

      const fromA = await platform.launch(app.url, { sub: 'a-1' });
      assert.equal(fromA.response.status, 200, fromA.html);
      assert.deepEqual(ancestors(fromA.response), ["'self'", a]);
      assert.equal(fromA.response.headers.get('x-frame-options'), null);
      assert.equal(fromA.response.headers.get('access-control-allow-origin'), null);
      const fromB = await other.launch(app.url, { sub: 'b-1' });
      assert.equal(fromB.response.status, 200, fromB.html);
      assert.deepEqual(ancestors(fromB.response), ["'self'", b]);

      // What a session's page asks for carries that session's platform only.
      const api = await fetch(`${app.url}/api/session`, { headers: { Authorization: `Bearer ${readBootstrap(fromA.html).token}` } });
      assert.equal(api.status, 200);
      assert.deepEqual(ancestors(api), ["'self'", a]);

      // Anonymous pages: no platform.
      for (const path of ['/lti/config', '/no-such-page']) {
        const response = await fetch(`${app.url}${path}`, { headers: { Accept: 'text/html' } });
        assert.deepEqual(ancestors(response), ["'self'"], path);
      }

      // Refused launches from B: B's at most (its state names it), nobody when the state is forged.
      const refused = await other.launch(app.url, { deploymentId: 'not-registered' });
      assert.equal(refused.response.status, 403, refused.html);
      assert.deepEqual(ancestors(refused.response), ["'self'", b]);
      const blocked = await other.launch(app.url, { sub: 'b-2' }, new BrowserClient({ blockCookies: true }));
      assert.match(blocked.html, /new-window/);
      assert.deepEqual(ancestors(blocked.response), ["'self'", b]);
      const forged = await new BrowserClient().postForm(`${app.url}/lti/launch`, { id_token: 'x.y.z', state: `${'x'.repeat(40)}.${'y'.repeat(43)}` });
      assert.equal(forged.status, 400);
      assert.deepEqual(ancestors(forged), ["'self'"]);
    } finally {
      await other.close();
    }
  });

  it('verifies a token signed with a key the platform published after we cached its JWKS', async () => {
    await platform.launch(app.url);
    const before = platform.jwksRequests;
    await platform.rotateKey();
    const { response } = await platform.launch(app.url);
    assert.equal(response.status, 200);
    assert.equal(platform.jwksRequests, before + 1, 'the unknown kid triggers one refetch');
    await platform.launch(app.url);
    assert.equal(platform.jwksRequests, before + 1, 'then the cache serves');
  });

  it('offers a new window when the browser blocked the state cookie, and that window launches', async () => {
    const blocked = new BrowserClient({ blockCookies: true });
    const { response, html } = await platform.launch(app.url, { sub: 'u7', locale: 'fr' }, blocked);
    assert.equal(response.status, 200);
    assert.match(html, /Votre navigateur a bloqué le cookie d’Amphi/);
    const link = /href="(\/lti\/login\/new-window\?state=[^"]+)"[^>]*target="_blank"/.exec(html)?.[1];
    assert.ok(link, 'the page links to a new window');
    assert.equal(await app.ctx.db.selectFrom('lti_sessions').select('id').executeTakeFirst(), undefined);

    // The new window is first-party: cookies work there.
    const window = new BrowserClient();
    const relaunch = await window.get(`${app.url}${link.replace(/&amp;/g, '&')}`);
    assert.equal(relaunch.status, 302);
    const form = await platform.authorize(relaunch.headers.get('location')!, window);
    const final = await window.postForm(form.action, form.fields);
    const finalHtml = await final.text();
    assert.equal(final.status, 200, finalHtml);
    assert.equal(readBootstrap(finalHtml).session.locale, 'fr');

    // A forged state cannot start a login.
    const forged = await window.get(`${app.url}/lti/login/new-window?state=${'x'.repeat(40)}.${'y'.repeat(43)}`);
    assert.equal(forged.status, 400);
  });
});
