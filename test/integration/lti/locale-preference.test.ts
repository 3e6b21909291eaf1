/**
 * Issue 17: the language chosen in the page's switch (PUT /api/session/locale) is this session's
 * at once and the person's on later launches, whatever their LMS sends; nobody else's.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { readBootstrap } from '../../support/browser-client.js';
import type { TestApp } from '../../support/test-app.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE, type LaunchSpec, type TestPlatform } from '../../support/test-platform.js';

describe('the language a person chooses in the page', () => {
  const fixture = useRegisteredPlatform();
  let app: TestApp;
  let platform: TestPlatform;
  beforeEach(() => {
    ({ app, platform } = fixture);
  });

  async function launch(spec: LaunchSpec) {
    const { response, html } = await platform.launch(app.url, spec);
    assert.equal(response.status, 200, html);
    const { token, session } = readBootstrap(html);
    return { token, locale: session.locale as string, lang: /<html lang="(\w+)">/.exec(html)?.[1] };
  }

  const choose = (token: string | undefined, body: unknown, contentType = 'application/json') =>
    fetch(`${app.url}/api/session/locale`, {
      method: 'PUT',
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const sessionLocale = async (token: string) =>
    ((await (await fetch(`${app.url}/api/session`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { locale: string }).locale;

  it('applies to the session at once and to the person’s later launches, over the LMS’s locale', async () => {
    const first = await launch({ sub: 'student-ana', name: 'Ana', roles: [ROLE.learner], locale: 'fr-FR' });
    assert.deepEqual([first.locale, first.lang], ['fr', 'fr']);

    const response = await choose(first.token, { locale: 'en' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), { locale: 'en', remembered: true });
    assert.equal(await sessionLocale(first.token), 'en', 'the session answers in the chosen language at once');

    const later = await launch({ sub: 'student-ana', name: 'Ana', roles: [ROLE.learner], locale: 'fr-FR' });
    assert.deepEqual([later.locale, later.lang], ['en', 'en'], 'the page of the next launch is in the chosen language');
    assert.equal(await sessionLocale(later.token), 'en');

    // Chosen again: French from now on.
    assert.equal((await choose(later.token, { locale: 'fr' })).status, 200);
    assert.equal((await launch({ sub: 'student-ana', roles: [ROLE.learner], locale: 'en-GB' })).locale, 'fr');
  });

  it('leaves other people, on this platform, with their LMS’s locale', async () => {
    const ana = await launch({ sub: 'student-ana', roles: [ROLE.learner], locale: 'fr-FR' });
    const ben = await launch({ sub: 'student-ben', roles: [ROLE.learner], locale: 'fr-FR' });
    assert.equal((await choose(ana.token, { locale: 'en' })).status, 200);

    assert.equal(await sessionLocale(ben.token), 'fr', 'a live session of someone else keeps its language');
    assert.equal((await launch({ sub: 'student-ben', roles: [ROLE.learner], locale: 'fr-FR' })).locale, 'fr');
    assert.equal((await launch({ sub: 'teacher-cleo', roles: [ROLE.instructor], locale: 'fr' })).locale, 'fr');
    const users = await app.ctx.db.selectFrom('lti_users').select(['sub', 'preferred_locale']).orderBy('sub').execute();
    assert.deepEqual(users, [
      { sub: 'student-ana', preferred_locale: 'en' },
      { sub: 'student-ben', preferred_locale: null },
      { sub: 'teacher-cleo', preferred_locale: null },
    ]);
  });

  it('keeps the choice of a launch that names nobody for its session only', async () => {
    const anonymous = await launch({ sub: null, roles: [ROLE.learner], locale: 'fr-FR' });
    const response = await choose(anonymous.token, { locale: 'en' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { locale: 'en', remembered: false });
    assert.equal(await sessionLocale(anonymous.token), 'en');
    assert.equal((await launch({ sub: null, roles: [ROLE.learner], locale: 'fr-FR' })).locale, 'fr');
  });

  it('refuses anything but fr or en, as problem+json 400, and changes nothing', async () => {
    const { token } = await launch({ sub: 'student-ana', roles: [ROLE.learner], locale: 'fr-FR' });
    const bodies: [unknown, string?][] = [
      [{ locale: 'de' }],
      [{ locale: 'FR' }],
      [{ locale: 'fr-FR' }],
      [{}],
      [{ locale: ['fr'] }],
      [{ locale: 'en', extra: true }],
      ['locale=en', 'application/x-www-form-urlencoded'],
      ['{"locale":', 'application/json'],
    ];
    for (const [body, contentType] of bodies) {
      const response = await choose(token, body, contentType);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      const problem = (await response.json()) as { code: string; status: number };
      assert.equal(problem.status, 400);
      assert.match(problem.code, /^(invalid-request|malformed-body)$/, JSON.stringify(problem));
    }
    assert.equal(await sessionLocale(token), 'fr');
    const [user] = await app.ctx.db.selectFrom('lti_users').select('preferred_locale').execute();
    assert.equal(user?.preferred_locale, null);
  });

  it('answers 401 problem+json without a session, with a forged token, or with the session cookie alone', async () => {
    const { response } = await platform.launch(app.url, { sub: 'student-ana', roles: [ROLE.learner] });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('amphi-session='))?.split(';')[0];
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer nonsense' }, ...(cookie ? [{ Cookie: cookie }] : [])];
    for (const headers of attempts) {
      const refused = await fetch(`${app.url}/api/session/locale`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ locale: 'en' }),
      });
      assert.equal(refused.status, 401, JSON.stringify(headers));
      assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(((await refused.json()) as { code: string }).code, 'session-required');
    }
    const users = await app.ctx.db.selectFrom('lti_users').select('preferred_locale').execute();
    assert.deepEqual(users, [{ preferred_locale: null }]);
  });
});
