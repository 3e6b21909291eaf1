/**
 * Real answers against /api/openapi.json: a teacher's and a learner's pages through every
 * feature (happy paths), the refusals (400, 401, 403, 404, 409 as problem+json), the LRS and
 * the administration page. Every answer goes through Conformance.check: the status must be
 * described for its operation and the body must match the described schema (ajv, 2020-12).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createLrsClient } from '../../support/lrs-client.js';
import { launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { publishVideoMedia } from '../../support/published-video.js';
import { ROLE } from '../../support/test-platform.js';
import { checkedFetch, Conformance, type OpenApiDocument } from './conformance.js';

describe('answers match the API description', () => {
  const t = useRegisteredPlatform();
  let conformance: Conformance;
  before(async () => {
    // The fixture's own before() has started the app by now (hooks run in order).
    conformance = new Conformance((await (await fetch(`${t.app.url}/api/openapi.json`)).json()) as OpenApiDocument);
  });

  /** The page's API as the tool calls it (Bearer token), every answer checked. */
  function checked(person: LaunchedPerson | null) {
    return (method: string, path: string, body?: unknown, type = 'application/json') =>
      checkedFetch(conformance, `${t.app.url}${path}`, {
        method,
        headers: { ...(person ? { Authorization: `Bearer ${person.token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': type }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
  }
  const launch = (sub: string, roles: string[]) =>
    launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub, name: sub, roles, context: { id: 'stat101', title: 'Statistique' }, resourceLink: { id: 'link-1', title: 'Cours 1' } });

  it('teacher: session, content, video, captions, grades, roster and analytics', async () => {
    const teacher = await launch('teacher-1', [ROLE.instructor]);
    const api = checked(teacher);
    const ok = async (method: string, path: string, body?: unknown, status = 200, type?: string) => {
      const answer = await api(method, path, body, type);
      assert.equal(answer.status, status, `${method} ${path}: ${answer.text.slice(0, 300)}`);
      return answer.json;
    };
    await ok('GET', '/api/session');
    await ok('POST', '/api/session/refresh');
    await ok('PUT', '/api/session/locale', { locale: 'fr' });

    const video = await ok('POST', '/api/resources', { kind: 'video', title: 'Loi normale', gradable: true, scoreMaximum: 20 }, 201);
    const dashboard = await ok('POST', '/api/resources', { kind: 'dashboard', title: 'Tableau' }, 201);
    await ok('GET', '/api/resources?course=current&limit=10');
    await ok('GET', '/api/resources/courses');
    await ok('GET', `/api/resources/${dashboard.id}`);
    await ok('PATCH', `/api/resources/${video.id}`, { description: 'Chapitre 3' });
    await ok('PUT', '/api/resource-link/resource', { resourceId: video.id });

    await ok('GET', `/api/videos/${video.id}`);
    await publishVideoMedia(t.app.ctx, { id: video.id, platform_id: teacher.platformId }, { durationSeconds: 60 });
    await ok('PATCH', `/api/videos/${video.id}`, { chapters: [{ startSeconds: 0, title: 'Début' }] });

    await ok('GET', `/api/videos/${video.id}/captions`);
    const created = await ok('POST', `/api/videos/${video.id}/captions`, { lang: 'fr' }, 201);
    const track = `/api/captions/${created.track.id}`;
    await ok('GET', track);
    await ok('PUT', track, { baseVersion: created.track.version, cues: [{ start: 1, end: 3, text: 'Bonjour' }] });
    const conflict = await api('PUT', track, { baseVersion: created.track.version, cues: [] });
    assert.equal(conflict.status, 409, 'a stale version is refused');
    await ok('PATCH', track, { label: 'Français' });
    await ok('GET', `${track}/versions`);
    await ok('POST', `${track}/versions/1/restore`);
    await ok('GET', `${track}/export?format=vtt`);
    await ok('POST', `/api/videos/${video.id}/captions/import?lang=en`, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n', 201, 'text/vtt');
    await ok('DELETE', track, undefined, 204);

    const gradebook = await ok('GET', `/api/resources/${video.id}/grades`);
    assert.ok(Array.isArray(gradebook.learners));
    await ok('POST', `/api/resources/${video.id}/grades/retry`, {}, 202);
    await ok('GET', '/api/roster');
    for (const path of ['/api/analytics/course', '/api/analytics/course/cohort', '/api/analytics/course/risk', '/api/analytics/course/grades', `/api/analytics/resources/${video.id}`, '/api/analytics/me']) {
      await ok('GET', path);
    }
  });

  it('teacher: classroom settings, room, recordings, attendance and the BigBlueButton server', async () => {
    const teacher = await launch('teacher-1', [ROLE.instructor]);
    const api = checked(teacher);
    const created = await api('POST', '/api/resources', { kind: 'classroom', title: 'TD' });
    assert.equal(created.status, 201, created.text);
    const base = `/api/classrooms/${created.json.id}`;
    for (const [method, path, body] of [
      ['GET', base],
      ['PATCH', base, { welcomeMessage: 'Bienvenue' }],
      ['GET', `${base}/room`],
      ['GET', `${base}/recordings`],
      ['GET', `${base}/attendance`],
      ['DELETE', `${base}/presentation`],
      ['GET', '/api/platform/bbb-server'],
    ] as const) {
      const answer = await api(method, path, body);
      assert.equal(answer.status, 200, `${method} ${path}: ${answer.text.slice(0, 300)}`);
    }
    // No BigBlueButton server on this platform: joining is refused, as described.
    const join = await api('POST', `${base}/join`);
    assert.equal(join.status, 409, join.text);
    assert.equal(join.json.code, 'bbb-not-configured');
  });

  it('resumable uploads (tus) and deep linking', async () => {
    const teacher = await launch('teacher-1', [ROLE.instructor]);
    const video = await checked(teacher)('POST', '/api/resources', { kind: 'video', title: 'Vidéo' });
    const tus = (method: string, url: string, headers: Record<string, string> = {}) =>
      checkedFetch(conformance, url, { method, headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${teacher.token}`, ...headers } });
    const metadata = `resourceId ${Buffer.from(video.json.id).toString('base64')},filename ${Buffer.from('cours.mp4').toString('base64')}`;
    const created = await fetch(`${t.app.url}/api/uploads/`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${teacher.token}`, 'Upload-Length': '10', 'Upload-Metadata': metadata } });
    conformance.check('POST', `${t.app.url}/api/uploads/`, { status: created.status, contentType: created.headers.get('content-type'), text: await created.text(), json: undefined });
    assert.equal(created.status, 201);
    const upload = new URL(created.headers.get('location')!, t.app.url).toString();
    assert.equal((await tus('HEAD', upload)).status, 200);
    assert.equal((await tus('DELETE', upload)).status, 204);
    const empty = await tus('POST', `${t.app.url}/api/uploads/`, { 'Upload-Length': '0', 'Upload-Metadata': metadata });
    assert.equal(empty.status, 422);

    const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';
    const picker = await launchPerson(t.app.ctx.db, t.platform, t.app.url, {
      messageType: 'LtiDeepLinkingRequest',
      sub: 'teacher-1',
      roles: [ROLE.instructor],
      context: { id: 'stat101', title: 'Statistique' },
      resourceLink: null,
      tamper: (p) => Object.assign(p[DL] as object, { accept_multiple: true }),
    });
    const answer = await checked(picker)('POST', '/api/deep-linking/response', { items: [{ resourceId: video.json.id }] });
    assert.equal(answer.status, 200, answer.text);
  });

  it('refusals are problem+json as described: 400, 401, 403, 404', async () => {
    const anonymous = checked(null);
    assert.equal((await anonymous('GET', '/api/session')).status, 401);
    const teacher = checked(await launch('teacher-1', [ROLE.instructor]));
    const invalid = await teacher('POST', '/api/resources', { kind: 'video' });
    assert.equal(invalid.status, 400);
    assert.ok(invalid.json.issues.length > 0, 'the invalid field is named');
    assert.equal((await teacher('GET', '/api/resources/no-such-resource')).status, 404);
    const video = await teacher('POST', '/api/resources', { kind: 'video', title: 'Vidéo' });
    const learner = checked(await launch('learner-1', [ROLE.learner]));
    assert.equal((await learner('POST', '/api/resources', { kind: 'video', title: 'Non' })).status, 403);
    assert.equal((await learner('GET', `/api/videos/${video.json.id}`)).status, 200);
    assert.equal((await learner('POST', `/api/videos/${video.json.id}/statements`, { statements: [{ verb: 'nonsense' }] })).status, 400);
    assert.equal((await learner('GET', '/api/analytics/me')).status, 200);
  });

  it('the administration page, for a Moodle administrator', async () => {
    const admin = checked(await launch('admin-1', [ROLE.admin, ROLE.instructor]));
    for (const [method, path, body, status] of [
      ['GET', '/api/admin/platform', undefined, 200],
      ['PUT', '/api/admin/platform/lrs-identity', { lrsIdentity: 'pseudonymous' }, 200],
      ['POST', '/api/admin/lrs-credentials', { name: 'Ralph', scopes: ['statements/write'] }, 201],
      ['GET', '/api/admin/lrs-credentials', undefined, 200],
      ['GET', '/api/admin/forwarding', undefined, 200],
      ['GET', '/api/admin/jobs', undefined, 200],
      ['GET', '/api/admin/bbb-xapi', undefined, 200],
    ] as const) {
      const answer = await admin(method, path, body);
      assert.equal(answer.status, status, `${method} ${path}: ${answer.text.slice(0, 300)}`);
    }
  });

  it('the LRS: statements, documents, activities, agents, about, and its refusals', async () => {
    const teacher = await launch('teacher-1', [ROLE.instructor]);
    const lrs = await createLrsClient(t.app, teacher.platformId);
    const basic = `Basic ${Buffer.from(`${lrs.key}:${lrs.secret}`).toString('base64')}`;
    const xapi = (method: string, path: string, body?: unknown, auth: string | null = basic, headers: Record<string, string> = {}) =>
      checkedFetch(conformance, `${t.app.url}/xapi${path}`, {
        method,
        headers: { 'X-Experience-API-Version': '1.0.3', ...(auth ? { Authorization: auth } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const agent = { mbox: 'mailto:lea@example.org', name: 'Léa' };
    const activity = 'https://example.org/activities/quiz-1';
    const statement = { actor: agent, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: activity, definition: { name: { fr: 'Quiz 1' } } } };
    const state = `?activityId=${encodeURIComponent(activity)}&agent=${encodeURIComponent(JSON.stringify(agent))}`;
    const expect = async (status: number, ...args: Parameters<typeof xapi>) => {
      const answer = await xapi(...args);
      assert.equal(answer.status, status, `${args[0]} ${args[1]}: ${answer.text.slice(0, 300)}`);
      return answer.json;
    };
    await expect(200, 'GET', '/about', undefined, null);
    const [id] = await expect(200, 'POST', '/statements', [statement]);
    await expect(204, 'PUT', `/statements?statementId=${crypto.randomUUID()}`, statement);
    await expect(200, 'GET', `/statements?statementId=${id}`);
    await expect(200, 'GET', '/statements?limit=1');
    await expect(204, 'PUT', `/activities/state${state}&stateId=progress`, { page: 3 });
    await expect(200, 'GET', `/activities/state${state}&stateId=progress`);
    await expect(200, 'GET', `/activities/state${state}`);
    await expect(204, 'DELETE', `/activities/state${state}`);
    await expect(204, 'PUT', `/activities/profile?activityId=${encodeURIComponent(activity)}&profileId=p1`, { a: 1 }, basic, { 'If-None-Match': '*' });
    await expect(200, 'GET', `/activities/profile?activityId=${encodeURIComponent(activity)}`);
    await expect(200, 'GET', `/activities?activityId=${encodeURIComponent(activity)}`);
    await expect(200, 'GET', `/agents?agent=${encodeURIComponent(JSON.stringify(agent))}`);
    await expect(401, 'GET', '/statements', undefined, null);
    await expect(400, 'GET', '/statements?verb=not%20an%20iri&bogus=1');
  });

  it('covered every feature’s tag and each refusal status at least once', () => {
    const tags = new Set(conformance.covered.flatMap((c) => c.tags));
    for (const tag of ['session', 'content', 'grades', 'roster', 'video', 'captions', 'classroom', 'analytics', 'admin', 'xapi']) assert.ok(tags.has(tag), `no answer checked for ${tag}`);
    const statuses = new Set(conformance.covered.map((c) => c.status));
    for (const status of [200, 201, 202, 204, 400, 401, 403, 404, 409]) assert.ok(statuses.has(status), `no ${status} answer checked`);
  });
});
