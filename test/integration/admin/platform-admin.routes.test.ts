import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ADMIN_COMMANDS } from '../../../src/admin/admin-commands.js';
import type { Db } from '../../../src/db/database.js';
import { insertJob } from '../../../src/jobs/job.repository.js';
import type { JobStatus } from '../../../src/jobs/job.table.js';
import { launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';

/** Every route of the administration page's API, with a body that would be valid. */
const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/admin/platform'],
  ['PUT', '/api/admin/platform/deployments', { allow: true }],
  ['PUT', '/api/admin/platform/lrs-identity', { lrsIdentity: 'email' }],
  ['PUT', '/api/admin/platform/upload-limit', { bytes: 1_048_576 }],
  ['GET', '/api/admin/lrs-credentials'],
  ['POST', '/api/admin/lrs-credentials', { scopes: ['statements/write'] }],
  ['DELETE', '/api/admin/lrs-credentials/some-key'],
  ['GET', '/api/admin/forwarding'],
  ['POST', '/api/admin/forwarding/requeue', {}],
  ['GET', '/api/admin/jobs'],
  ['POST', '/api/admin/jobs/some-id/retry'],
  ['POST', '/api/admin/jobs/some-id/cancel'],
];

async function raw(url: string, token: string | undefined, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, any> };
}

/** A job of a platform in a given state, under a name no worker claims (it stays where the test put it). */
async function jobOf(db: Db, platformId: string, status: JobStatus): Promise<string> {
  const job = await insertJob(db, { id: crypto.randomUUID(), name: 'admin-page-test-job', payload: {}, platformId, priority: 0, runAt: undefined, maxAttempts: 3 });
  if (status !== 'queued') await db.updateTable('jobs').set({ status, finished_at: new Date(), last_error: 'boom' }).where('id', '=', job.id).execute();
  return job.id;
}

async function failedForwarding(db: Db, platformId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await db.insertInto('lrs_sink_outbox').values({ platform_id: platformId, statement_id: crypto.randomUUID(), sink: 'xapi', status: 'failed', last_error: 'refused' }).execute();
  }
}

describe('administration page API (/api/admin)', () => {
  const t = useRegisteredPlatform();
  let other: TestPlatform;
  let admin: LaunchedPerson;
  let adminB: LaunchedPerson;

  before(async () => {
    other = await TestPlatform.start();
  });
  after(() => other.close());
  beforeEach(async () => {
    await t.app.register(other);
    admin = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'moodle-admin', roles: [ROLE.admin] });
    adminB = await launchPerson(t.app.ctx.db, other, t.app.url, { sub: 'admin-b', roles: [ROLE.admin] });
  });

  it('refuses anonymous callers (401), learners and teachers (403), with problem+json', async () => {
    const learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    const teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    for (const [method, path, body] of ROUTES) {
      const anonymous = await raw(t.app.url, undefined, method, path, body);
      assert.equal(anonymous.status, 401, `${method} ${path}`);
      assert.match(anonymous.type, /application\/problem\+json/);
      for (const person of [learner, teacher]) {
        const refused = await raw(t.app.url, person.token, method, path, body);
        assert.equal(refused.status, 403, `${method} ${path}`);
        assert.match(refused.type, /application\/problem\+json/);
      }
    }
    const settings = (await t.app.ctx.db.selectFrom('platforms').select(['lrs_identity', 'allow_new_deployments']).where('id', '=', admin.platformId).executeTakeFirstOrThrow());
    assert.deepEqual(settings, { lrs_identity: 'pseudonymous', allow_new_deployments: false }, 'no refused call changed anything');
    assert.equal((await t.app.ctx.db.selectFrom('lrs_credentials').select('id').execute()).length, 0);
    // The institution's administrator role is an administrator's too.
    const institution = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'inst-admin', roles: [ROLE.institutionAdmin] });
    assert.equal((await institution.api('GET', '/api/admin/platform')).status, 200);
  });

  it('never lets platform A’s administrator see or revoke platform B’s credentials', async () => {
    const theirs = await adminB.api('POST', '/api/admin/lrs-credentials', { name: 'B client', scopes: ['all'] });
    assert.equal(theirs.status, 201);
    const list = await admin.api('GET', '/api/admin/lrs-credentials');
    assert.deepEqual(list.body.credentials, []);
    for (const ref of [theirs.body.id, theirs.body.key]) {
      const revoke = await admin.api('DELETE', `/api/admin/lrs-credentials/${encodeURIComponent(ref)}`);
      assert.equal(revoke.status, 404);
      assert.equal(revoke.body.code, 'unknown-lrs-credential');
    }
    const still = await adminB.api('GET', '/api/admin/lrs-credentials');
    assert.equal(still.body.credentials[0].revokedAt, null, 'B’s credential still works');
    // A body naming B is no way in: the platform is the session’s.
    const created = await admin.api('POST', '/api/admin/lrs-credentials', { platformId: adminB.platformId, scopes: ['state'] });
    assert.equal(created.body.platformId, admin.platformId);
  });

  it('never lets platform A’s administrator see, retry or cancel platform B’s jobs', async () => {
    const failedB = await jobOf(t.app.ctx.db, adminB.platformId, 'failed');
    const queuedB = await jobOf(t.app.ctx.db, adminB.platformId, 'queued');
    assert.deepEqual((await admin.api('GET', '/api/admin/jobs')).body.jobs, []);
    assert.equal((await admin.api('POST', `/api/admin/jobs/${failedB}/retry`)).status, 404);
    assert.equal((await admin.api('POST', `/api/admin/jobs/${queuedB}/cancel`)).status, 404);
    const statuses = await t.app.ctx.db.selectFrom('jobs').select(['id', 'status']).where('platform_id', '=', adminB.platformId).orderBy('status').execute();
    assert.deepEqual(statuses.map((j) => j.status).sort(), ['failed', 'queued']);
    assert.equal((await adminB.api('GET', '/api/admin/jobs')).body.jobs.length, 2);
  });

  it('never lets platform A’s administrator read or change platform B’s settings or forwarding', async () => {
    for (const [path, body] of [
      ['/api/admin/platform/deployments', { id: adminB.platformId, allow: true }],
      ['/api/admin/platform/lrs-identity', { id: adminB.platformId, lrsIdentity: 'email' }],
      ['/api/admin/platform/upload-limit', { id: adminB.platformId, bytes: 2048 }],
    ] as const) {
      const res = await admin.api('PUT', path, body);
      assert.equal(res.status, 200, path);
      assert.equal(res.body.id, admin.platformId);
    }
    const b = (await adminB.api('GET', '/api/admin/platform')).body;
    assert.deepEqual([b.id, b.allowNewDeployments, b.lrsIdentity, b.upload.own], [adminB.platformId, false, 'pseudonymous', false]);

    await failedForwarding(t.app.ctx.db, admin.platformId, 1);
    await failedForwarding(t.app.ctx.db, adminB.platformId, 3);
    assert.deepEqual((await admin.api('GET', '/api/admin/forwarding')).body.backlog, [{ sink: 'xapi', status: 'failed', count: 1 }]);
    assert.deepEqual((await admin.api('POST', '/api/admin/forwarding/requeue', {})).body, { requeued: 1 });
    assert.deepEqual((await adminB.api('GET', '/api/admin/forwarding')).body.backlog, [{ sink: 'xapi', status: 'failed', count: 3 }]);
  });

  it('changes the platform’s settings as the CLI does, and records each change in the audit log', async () => {
    const before = await admin.api('GET', '/api/admin/platform');
    assert.equal(before.status, 200);
    assert.deepEqual(before.body.deploymentIds, [t.platform.deploymentId]);
    assert.equal(before.body.upload.own, false);
    const server = before.body.upload.serverMaxBytes as number;
    assert.equal((await admin.api('PUT', '/api/admin/platform/deployments', { allow: true })).body.allowNewDeployments, true);
    assert.equal((await admin.api('PUT', '/api/admin/platform/lrs-identity', { lrsIdentity: 'email' })).body.lrsIdentity, 'email');
    const lowered = await admin.api('PUT', '/api/admin/platform/upload-limit', { bytes: 50 * 1024 * 1024 });
    assert.deepEqual(lowered.body.upload, { maxBytes: 50 * 1024 * 1024, serverMaxBytes: server, own: true });
    const reset = await admin.api('PUT', '/api/admin/platform/upload-limit', { bytes: null });
    assert.deepEqual(reset.body.upload, { maxBytes: server, serverMaxBytes: server, own: false });
    const audit = await t.app.ctx.db.selectFrom('audit_log').select(['actor', 'platform_id', 'action']).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['platform-allow-new-deployments', 'platform-lrs-identity', 'platform-video-limit', 'platform-video-limit']);
    assert.ok(audit.every((a) => a.actor === `lti:${admin.userId}` && a.platform_id === admin.platformId));
  });

  it('creates a credential showing its secret once, lists it without, and revokes it', async () => {
    const created = await admin.api('POST', '/api/admin/lrs-credentials', { scopes: ['statements/write', 'state'] });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^[A-Za-z0-9_-]{20,}$/);
    assert.equal(created.body.endpoint, `${t.app.url}/xapi/`);
    assert.match(created.body.name, / xAPI client$/, 'the CLI’s default name');
    const listed = await admin.api('GET', '/api/admin/lrs-credentials');
    assert.equal(listed.body.credentials.length, 1);
    assert.ok(!JSON.stringify(listed.body).includes(created.body.secret));
    const basic = `Basic ${Buffer.from(`${created.body.key}:${created.body.secret}`).toString('base64')}`;
    const about = () => fetch(`${t.app.url}/xapi/statements?limit=1`, { headers: { Authorization: basic, 'X-Experience-API-Version': '1.0.3' } });
    assert.notEqual((await about()).status, 401, 'the secret works');
    const revoked = await admin.api('DELETE', `/api/admin/lrs-credentials/${created.body.id}`);
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revokedAt);
    assert.equal((await about()).status, 401, 'and stops working once revoked');
    assert.equal((await admin.api('DELETE', `/api/admin/lrs-credentials/${created.body.id}`)).status, 404, 'revoked once only');
  });

  it('lists the platform’s jobs by status, retries a failed one and cancels a queued one', async () => {
    const failed = await jobOf(t.app.ctx.db, admin.platformId, 'failed');
    const queued = await jobOf(t.app.ctx.db, admin.platformId, 'queued');
    const all = await admin.api('GET', '/api/admin/jobs');
    assert.equal(all.body.jobs.length, 2);
    const onlyFailed = await admin.api('GET', '/api/admin/jobs?status=failed&limit=10');
    assert.deepEqual(onlyFailed.body.jobs.map((j: { id: string }) => j.id), [failed]);
    assert.equal(onlyFailed.body.jobs[0].lastError, 'boom');
    assert.equal((await admin.api('POST', `/api/admin/jobs/${queued}/retry`)).status, 404, 'a queued job is not retried');
    assert.deepEqual((await admin.api('POST', `/api/admin/jobs/${failed}/retry`)).body, { requeued: true });
    assert.deepEqual((await admin.api('POST', `/api/admin/jobs/${queued}/cancel`)).body, { cancelled: true });
    const statuses = Object.fromEntries((await t.app.ctx.db.selectFrom('jobs').select(['id', 'status']).execute()).map((j) => [j.id, j.status]));
    assert.deepEqual(statuses, { [failed]: 'queued', [queued]: 'cancelled' });
  });

  it('refuses what the CLI refuses, with its words, as problem+json in the caller’s language', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/api/admin/lrs-credentials', { scopes: [] }, /give at least one scope/],
      ['POST', '/api/admin/lrs-credentials', { scopes: ['root'] }, /"root" is not an LRS scope/],
      ['PUT', '/api/admin/platform/lrs-identity', { lrsIdentity: 'nickname' }, /lrsIdentity/],
      ['PUT', '/api/admin/platform/upload-limit', { bytes: 10 }, /bytes/],
      ['PUT', '/api/admin/platform/deployments', { allow: 'yes' }, /allow/],
      ['POST', '/api/admin/forwarding/requeue', { sink: 'kafka' }, /sink/],
      ['GET', '/api/admin/jobs?limit=0', undefined, /limit/],
      ['GET', '/api/admin/jobs?status=lost', undefined, /status/],
    ];
    for (const [method, path, body, detail] of cases) {
      const res = await raw(t.app.url, admin.token, method, path, body);
      assert.equal(res.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      assert.match(res.type, /application\/problem\+json/);
      assert.equal(res.body.code, 'invalid-request');
      assert.match(res.body.detail, detail);
    }
    // The same schema as the CLI's command: what it refuses, the page's API refuses.
    assert.equal(ADMIN_COMMANDS['platform-video-limit'].args.safeParse({ id: 'x', bytes: 10 }).success, false);
    const french = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'admin-fr', roles: [ROLE.admin], locale: 'fr-FR' });
    const fr = await raw(t.app.url, french.token, 'PUT', '/api/admin/platform/upload-limit', { bytes: 10 });
    assert.equal(fr.body.locale, 'fr');
    assert.match(fr.body.localizedDetail, /La requête n’est pas valide/);
    assert.equal((await admin.api('GET', '/api/admin/platform')).body.upload.own, false, 'nothing stored');
  });
});
