import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { launchPage, type LaunchedPage } from '../../../support/api-client.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../../support/test-platform.js';

const SECRET = 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0';
const PATH = '/api/platform/bbb-server';

/** A raw request, to check the problem+json answers themselves. */
async function raw(url: string, token: string | undefined, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${PATH}`, {
    method,
    headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, any> };
}

/** /api/platform/bbb-server: roles, the session's own platform only, validation. */
describe('BBB server admin API', () => {
  const t = useRegisteredPlatform();
  let admin: LaunchedPage;
  let teacher: LaunchedPage;
  let learner: LaunchedPage;

  beforeEach(async () => {
    admin = await launchPage(t.platform, t.app.url, { sub: 'moodle-admin', roles: [ROLE.admin] });
    teacher = await launchPage(t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    learner = await launchPage(t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
  });

  it('lets an administrator set, read and remove the server; the secret never comes back', async () => {
    const empty = await admin.api('GET', PATH);
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, { configured: false, canManage: true, url: null, checksumAlgorithm: null, secretFingerprint: null, secure: null, updatedAt: null });

    const put = await admin.api('PUT', PATH, { url: 'https://bbb.univ.example/bigbluebutton', secret: SECRET, checksumAlgorithm: 'sha384' });
    assert.equal(put.status, 200);
    assert.equal(put.body.configured, true);
    assert.equal(put.body.url, 'https://bbb.univ.example/bigbluebutton/api/');
    assert.equal(put.body.checksumAlgorithm, 'sha384');
    assert.match(put.body.secretFingerprint, /^sha256:[0-9a-f]{8}$/);
    assert.equal(put.body.secure, true);
    assert.ok(!JSON.stringify(put.body).includes(SECRET));

    // Saving the form again with the password field left empty keeps the secret.
    const again = await admin.api('PUT', PATH, { url: 'https://bbb.univ.example/bigbluebutton', secret: '', checksumAlgorithm: 'sha1' });
    assert.equal(again.status, 200);
    assert.equal(again.body.secretFingerprint, put.body.secretFingerprint);
    assert.equal(again.body.checksumAlgorithm, 'sha1');
    // …but never carries it to another host or scheme, which could replay the checksums it signs.
    for (const url of ['https://evil.example', 'http://bbb.univ.example']) {
      const moved = await admin.api('PUT', PATH, { url, secret: '' });
      assert.equal(moved.status, 400, url);
      assert.equal(moved.body.code, 'bbb-server-secret-required');
      const probe = await admin.api('POST', `${PATH}/test`, { url });
      assert.equal(probe.status, 400, url);
      assert.equal(probe.body.code, 'bbb-server-secret-required');
    }

    const read = await admin.api('GET', PATH);
    assert.deepEqual(read.body, again.body);
    assert.ok(!JSON.stringify(read.body).includes(SECRET));

    const del = await admin.api('DELETE', PATH);
    assert.equal(del.status, 200);
    assert.equal(del.body.removed, true);
    assert.equal(del.body.configured, false);
    assert.equal((await admin.api('DELETE', PATH)).body.removed, false);
  });

  it('tells a teacher only whether the server is set, and refuses them every change', async () => {
    assert.deepEqual((await teacher.api('GET', PATH)).body, { configured: false, canManage: false });
    await admin.api('PUT', PATH, { url: 'https://bbb.univ.example', secret: SECRET });
    assert.deepEqual((await teacher.api('GET', PATH)).body, { configured: true, canManage: false });

    for (const [method, path, body] of [
      ['PUT', PATH, { url: 'https://evil.example', secret: SECRET }],
      ['DELETE', PATH, undefined],
      ['POST', `${PATH}/test`, {}],
    ] as const) {
      const res = await teacher.api(method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.code, 'forbidden');
    }
    assert.equal((await admin.api('GET', PATH)).body.url, 'https://bbb.univ.example/bigbluebutton/api/');
  });

  it('refuses learners and requests without a session', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await raw(t.app.url, learner.token, method, method === 'PUT' ? { url: 'https://x.example', secret: SECRET } : undefined);
      assert.equal(res.status, 403, method);
      assert.match(res.type, /application\/problem\+json/);
      assert.equal(res.body.code, 'forbidden');
    }
    const anonymous = await raw(t.app.url, undefined, 'GET');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'session-required');
  });

  it('never shows or changes one platform’s server from another platform', async () => {
    await admin.api('PUT', PATH, { url: 'https://bbb.univ.example', secret: SECRET });
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      // Same user id, same role, on the other platform: another tenant.
      const theirAdmin = await launchPage(other, t.app.url, { sub: 'moodle-admin', roles: [ROLE.admin] });
      assert.equal((await theirAdmin.api('GET', PATH)).body.configured, false);
      const del = await theirAdmin.api('DELETE', PATH);
      assert.equal(del.body.removed, false);
      await theirAdmin.api('PUT', PATH, { url: 'https://bbb.other.example', secret: 'their-own-secret-123' });
      const ours = await admin.api('GET', PATH);
      assert.equal(ours.body.url, 'https://bbb.univ.example/bigbluebutton/api/');
      assert.equal((await theirAdmin.api('GET', PATH)).body.url, 'https://bbb.other.example/bigbluebutton/api/');
      assert.notEqual((await theirAdmin.api('GET', PATH)).body.secretFingerprint, ours.body.secretFingerprint);
    } finally {
      await other.close();
    }
  });

  it('answers problem+json with the reason for invalid bodies, storing nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{}, 400, 'invalid-request'],
      [{ url: 42, secret: SECRET }, 400, 'invalid-request'],
      [{ url: 'https://bbb.univ.example', secret: SECRET, checksumAlgorithm: 'md5' }, 400, 'invalid-request'],
      [{ url: 'https://bbb.univ.example' }, 400, 'bbb-server-secret-required'],
      [{ url: 'https://bbb.univ.example', secret: 'abc' }, 400, 'bbb-server-secret-invalid'],
      [{ url: 'gopher://bbb.univ.example', secret: SECRET }, 400, 'bbb-server-url-scheme'],
      [{ url: 'https://admin:pw@bbb.univ.example', secret: SECRET }, 400, 'bbb-server-url-credentials'],
      [{ url: 'https://bbb.univ.example/bigbluebutton/api?x=1', secret: SECRET }, 400, 'bbb-server-url-query'],
    ];
    for (const [body, status, code] of cases) {
      const res = await raw(t.app.url, admin.token, 'PUT', body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.match(res.type, /application\/problem\+json/);
      assert.equal(res.body.code, code, JSON.stringify(res.body));
      assert.ok(typeof res.body.detail === 'string' && res.body.detail.length > 10, JSON.stringify(res.body));
    }
    const md5 = await raw(t.app.url, admin.token, 'PUT', { url: 'https://bbb.univ.example', secret: SECRET, checksumAlgorithm: 'md5' });
    assert.match(md5.body.detail, /checksumAlgorithm/);
    assert.equal((await admin.api('GET', PATH)).body.configured, false, 'nothing half-stored');

  });

  it('answers bbb-not-configured when testing a platform without server, unless the form’s values are given', async () => {
    const res = await admin.api('POST', `${PATH}/test`, {});
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'bbb-not-configured');
    assert.match(res.body.detail, /Ask your Moodle administrator/);
    const noSecret = await admin.api('POST', `${PATH}/test`, { url: 'https://bbb.univ.example' });
    assert.equal(noSecret.status, 400);
    assert.equal(noSecret.body.code, 'bbb-server-secret-required');
    const badUrl = await admin.api('POST', `${PATH}/test`, { url: 'ftp://bbb.univ.example', secret: SECRET });
    assert.equal(badUrl.body.code, 'bbb-server-url-scheme');
  });
});
