import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ADMIN_COMMANDS } from '../../../../src/admin/admin-commands.js';
import { refreshAnalytics } from '../../../../src/analytics/analytics.service.js';
import type { ClassroomAnalyticsResponse } from '../../../../src/analytics/analytics.view.js';
import { REUSE_MS } from '../../../../src/lrs/statements/consistent-through.js';
import { forgetLiveMeeting } from '../../../../src/classroom/meetings/meeting-lifecycle.js';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { launchPage } from '../../../support/api-client.js';
import { useFakeBbbFor } from '../../../support/bbb-fixture.js';
import { launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../../support/test-platform.js';
import { createClassroom } from '../meetings/classroom-support.js';

const PATH = '/api/admin/bbb-xapi';
const PARAM = 'meta_secret-lrs-payload';

/** What bbb-webhooks (src/out/xapi/decrypt.js + xapi.js) does with the payload: decrypt with the server secret, POST. */
function decryptAsBbb(payload: string, secret: string): { lrs_endpoint: string; lrs_username: string; lrs_password: string } {
  const bytes = Buffer.from(payload, 'base64');
  const keyIv = crypto.pbkdf2Sync(secret, bytes.subarray(8, 16), 10000, 48, 'sha256');
  const decipher = crypto.createDecipheriv('aes-256-cbc', keyIv.subarray(0, 32), keyIv.subarray(32));
  return JSON.parse(decipher.update(bytes.subarray(16), undefined, 'utf8') + decipher.final('utf8'));
}
async function postAsBbb(lrs: { lrs_endpoint: string; lrs_username: string; lrs_password: string }, statement: unknown): Promise<number> {
  const url = new URL('xAPI/statements', lrs.lrs_endpoint.replace(/\/xapi\/?(statements)?\/?$/i, ''));
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(statement),
    headers: { Authorization: `Basic ${Buffer.from(`${lrs.lrs_username}:${lrs.lrs_password}`).toString('base64')}`, 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.0' },
  });
  await res.arrayBuffer();
  return res.status;
}
/** bbb-webhooks' meeting-created statement: stamped with BBB's createTime. */
function initializedStatement(registration: string, createTime: number) {
  return {
    actor: { account: { name: '<unknown>', homePage: 'https://bbb.univ.example' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/initialized' },
    object: { id: `https://bbb.univ.example/xapi/activities/${crypto.randomUUID()}`, definition: { type: 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom', name: { en: 'Travaux dirigés de statistique' } } },
    context: { registration, contextActivities: { category: [{ id: 'https://w3id.org/xapi/virtual-classroom', definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }] }, extensions: { 'http://id.tincanapi.com/extension/planned-duration': 'PT0M' } },
    timestamp: new Date(createTime).toISOString(),
  };
}
/** A statement shaped as bbb-webhooks' templates.js writes a chat message of a meeting. */
function chatStatement(registration: string, name: string) {
  return {
    actor: { account: { name, homePage: 'https://bbb.univ.example' } },
    verb: { id: 'https://w3id.org/xapi/acrossx/verbs/posted' },
    object: { id: `https://bbb.univ.example/xapi/activities/${crypto.randomUUID()}`, definition: { type: 'https://w3id.org/xapi/acrossx/activities/message' } },
    context: {
      registration,
      contextActivities: {
        parent: [{ id: `https://bbb.univ.example/xapi/activities/${crypto.randomUUID()}`, definition: { type: 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom' } }],
        category: [{ id: 'https://w3id.org/xapi/virtual-classroom', definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }],
      },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': crypto.randomUUID() },
    },
    timestamp: new Date().toISOString(),
  };
}

/** BigBlueButton's own xAPI: the admin API, the create parameter, and statements sent with the payload's credential. */
describe('BigBlueButton xAPI (meta_secret-lrs-payload)', () => {
  const t = useRegisteredPlatform({ CLASSROOM_BBB_TIMEOUT_MS: '400' });
  let fake: FakeBbb;
  let teacher: LaunchedPerson;
  let classroom: ResourceRow;

  beforeEach(async () => {
    fake = await startFakeBbb();
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Marie Curie', roles: [ROLE.instructor] });
    classroom = await createClassroom(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
  });
  afterEach(() => fake.close());

  const admin = () => launchPage(t.platform, t.app.url, { sub: 'moodle-admin', roles: [ROLE.admin] });
  const credentialRows = () => t.app.ctx.db.selectFrom('lrs_credentials').selectAll().where('platform_id', '=', teacher.platformId).orderBy('created_at').execute();

  it('refuses to enable without a BBB server (409, problem+json in the session`s language)', async () => {
    const res = await (await admin()).api('POST', PATH);
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'bbb-not-configured');
    assert.ok(res.body.detail || res.body.title);
    assert.equal((await credentialRows()).length, 0, 'no credential left behind');
  });

  it('sends the payload on create, signed; BBB`s statements land in the LRS; rotate and disable revoke', async () => {
    await useFakeBbbFor(t.app.ctx, teacher.platformId, fake);
    const page = await admin();
    assert.deepEqual((await page.api('GET', PATH)).body, { enabled: false, lrsEndpoint: null, payload: null, createdAt: null });
    const on = await page.api('POST', PATH);
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.equal(on.body.enabled, true);
    assert.equal(on.body.lrsEndpoint, `${t.app.url}/`);
    assert.deepEqual(Object.keys(on.body).sort(), ['createdAt', 'enabled', 'lrsEndpoint', 'payload']);
    const shown = decryptAsBbb(on.body.payload, fake.secret);
    const [credential] = await credentialRows();
    assert.equal(shown.lrs_username, credential!.key);
    assert.deepEqual(credential!.scopes, ['statements/write']);
    assert.ok(!JSON.stringify(credential).includes(shown.lrs_password), 'the secret is not stored in clear');

    // The teacher opens the classroom: the strict fake accepts the create only if its checksum covers the parameter.
    const creates = fake.count('create');
    const joined = await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(joined.status, 200, JSON.stringify(joined.body));
    assert.equal(fake.count('create'), creates + 1);
    const meeting = fake.meeting(`amphi-${classroom.id}`)!;
    const lrs = decryptAsBbb(meeting.params[PARAM]!, fake.secret);
    assert.deepEqual(lrs, { ...shown, lrs_endpoint: on.body.lrsEndpoint });

    // A learner joins through Amphi; BBB reports the meeting's start and her chat message, as bbb-webhooks writes them.
    const learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', name: 'Ada Lovelace', roles: [ROLE.learner], custom: { amphi_resource_id: classroom.id } });
    assert.equal((await learner.api('POST', `/api/classrooms/${classroom.id}/join`)).status, 200);
    const registration = crypto.randomUUID();
    assert.equal(await postAsBbb(lrs, initializedStatement(registration, meeting.createTime)), 200);
    assert.equal(await postAsBbb(lrs, chatStatement(registration, 'Ada Lovelace')), 200);
    const stored = await t.app.ctx.db.selectFrom('lrs_statements').selectAll().where('registration', '=', registration).execute();
    assert.equal(stored.length, 2);
    // Counted like Amphi's own: on the classroom, for the learner BBB named by her display name.
    await new Promise((r) => setTimeout(r, REUSE_MS + 20)); // consistent-through is strict: what was just stored waits that long
    await refreshAnalytics(t.app.ctx, teacher.platformId, { settleMs: 0 });
    const room = (await teacher.api<ClassroomAnalyticsResponse>('GET', `/api/analytics/resources/${classroom.id}`)).body;
    assert.deepEqual(room.learners.map((l) => [l.learner.id, l.chats]), [['learner-1', 1]]);
    assert.equal(stored[0]!.credential_id, credential!.id);
    assert.equal(stored[0]!.platform_id, teacher.platformId);

    // Rotate: a new credential; the old one answers 401 at once.
    const rotated = await page.api('POST', PATH);
    const fresh = decryptAsBbb(rotated.body.payload, fake.secret);
    assert.notEqual(fresh.lrs_username, lrs.lrs_username);
    assert.equal(await postAsBbb(lrs, chatStatement(registration, 'Ada Lovelace')), 401);
    assert.equal(await postAsBbb(fresh, chatStatement(registration, 'Ada Lovelace')), 200);
    assert.deepEqual((await credentialRows()).map((c) => c.revoked_at !== null), [true, false]);

    // Disable: the credential revoked, and the next create carries no payload.
    const off = await page.api('DELETE', PATH);
    assert.deepEqual(off.body, { enabled: false, lrsEndpoint: null, payload: null, createdAt: null });
    assert.equal(await postAsBbb(fresh, chatStatement(registration, 'Ada Lovelace')), 401);
    meeting.ended = true;
    await t.app.ctx.db.updateTable('classroom_meetings').set({ checked_at: new Date(Date.now() - 60_000) }).where('resource_id', '=', classroom.id).execute();
    forgetLiveMeeting(t.app.ctx, classroom.id);
    assert.equal((await teacher.api('POST', `/api/classrooms/${classroom.id}/join`)).status, 200);
    assert.equal(fake.count('create'), creates + 2);
    assert.equal(fake.meeting(`amphi-${classroom.id}`)!.params[PARAM], undefined);
  });

  it('answers only a Moodle administrator, and only about their own platform', async () => {
    await useFakeBbbFor(t.app.ctx, teacher.platformId, fake);
    const enabled = await (await admin()).api('POST', PATH);
    assert.equal(enabled.status, 200);
    const learner = await launchPage(t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    for (const method of ['GET', 'POST', 'DELETE']) {
      assert.equal((await learner.api(method, PATH)).status, 403, method);
      assert.equal((await teacher.api(method, PATH)).status, 403, method);
    }
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      const otherAdmin = await launchPage(other, t.app.url, { sub: 'moodle-admin', roles: [ROLE.admin] });
      assert.deepEqual((await otherAdmin.api('GET', PATH)).body, { enabled: false, lrsEndpoint: null, payload: null, createdAt: null });
      assert.equal((await otherAdmin.api('DELETE', PATH)).status, 200);
      assert.equal((await otherAdmin.api('POST', PATH)).body.code, 'bbb-not-configured', 'platform B has no BBB server of its own');
    } finally {
      await other.close();
    }
    // Platform A's credential survived B's DELETE.
    assert.equal((await (await admin()).api('GET', PATH)).body.enabled, true);
    assert.deepEqual((await credentialRows()).map((c) => c.revoked_at), [null]);
  });

  it('drives the same service from the admin commands (in-process, as the CLI`s server does)', async () => {
    const run = async (name: 'platform-bbb-xapi-show' | 'platform-bbb-xapi-enable' | 'platform-bbb-xapi-disable', id: string) => {
      const c = ADMIN_COMMANDS[name];
      return (await c.run(t.app.ctx, c.args.parse({ id }))) as { enabled: boolean; payload: string | null };
    };
    await useFakeBbbFor(t.app.ctx, teacher.platformId, fake);
    assert.equal((await run('platform-bbb-xapi-show', teacher.platformId)).enabled, false);
    const first = await run('platform-bbb-xapi-enable', teacher.platformId);
    const second = await run('platform-bbb-xapi-enable', teacher.platformId);
    assert.notEqual(decryptAsBbb(first.payload!, fake.secret).lrs_username, decryptAsBbb(second.payload!, fake.secret).lrs_username);
    assert.equal((await run('platform-bbb-xapi-disable', teacher.platformId)).enabled, false);
    assert.deepEqual((await credentialRows()).map((c) => c.revoked_at !== null), [true, true]);
    await assert.rejects(run('platform-bbb-xapi-show', 'no-such-platform'));
  });
});
