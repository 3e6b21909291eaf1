import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { GradebookResponse } from '../../../src/grades/grades.view.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';

const SECRET = 'AKIA-internal-secret-7f3e91';
const NRPS_CLAIM = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

/**
 * A service inside the network that a stranger would like Amphi to call: it records every
 * request and answers something secret (as BBB's XML under /bigbluebutton/api, so that a client
 * that repeats BBB's message would repeat the secret).
 */
async function startInternalService(): Promise<{ url: string; port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url?.startsWith('/bigbluebutton/api')) {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<response><returncode>FAILED</returncode><messageKey>internalError</messageKey><message>${SECRET}</message></response>`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ members: [], secret: SECRET }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Issue 13, item 2: the administrator (or the launches) of a platform that registered itself
 * through the web must not make Amphi call the network it runs in. Amphi runs here with only the
 * test platform's address in OUTBOUND_ALLOW; the internal service and the fake BBB listen on
 * loopback like the platform, on ports nobody allowed.
 */
describe('outbound requests for a self-registered platform', () => {
  let platform: TestPlatform;
  let internal: Awaited<ReturnType<typeof startInternalService>>;
  let bbb: FakeBbb;
  let app: TestApp;
  let platformId: string;
  let admin: LaunchedPerson;

  before(async () => {
    platform = await TestPlatform.start();
    internal = await startInternalService();
    bbb = await startFakeBbb({ version: '2.0' });
    app = await startTestApp({ OUTBOUND_ALLOW: `127.0.0.1:${new URL(platform.url).port}`, GRADES_RETRY_BASE_MS: '50' });
  });
  after(async () => {
    await app.close();
    await platform.close();
    await internal.close();
    await bbb.close();
  });
  beforeEach(async () => {
    await app.reset();
    platform.resetServices();
    platformId = await app.register(platform);
    // As if it had come through /lti/register: its URLs and its administrators' are the web's.
    await app.ctx.db.updateTable('platforms').set({ registered_via: 'dynamic' }).where('id', '=', platformId).execute();
    app.ctx.platforms.invalidate();
    internal.hits.length = 0;
    admin = await launchPerson(app.ctx.db, platform, app.url, { sub: 'moodle-admin', roles: [ROLE.admin] });
  });

  const runCommand = (name: string, body: Record<string, unknown>) =>
    fetch(`${app.url}/admin/api/commands/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('Test connection to an internal service reaches nothing and answers a classified reason, without the service’s answer', async () => {
    const targets = [`${internal.url}/bigbluebutton/api`, `http://localhost:${internal.port}/bigbluebutton/api`, 'http://169.254.169.254/latest/meta-data'];
    for (const url of targets) {
      const res = await admin.api('POST', '/api/platform/bbb-server/test', { url, secret: 'any-secret-of-the-right-length' });
      assert.equal(res.status, 200, url);
      assert.equal(res.body.ok, false, url);
      assert.equal(res.body.code, 'bbb-test-not-reachable', url);
      assert.match(res.body.message, /not reachable from Amphi: .*OUTBOUND_ALLOW/, url);
      assert.ok(!JSON.stringify(res.body).includes(SECRET), url);
    }
    // Saved on the admin page, then tested as stored: the same refusal.
    const saved = await admin.api('PUT', '/api/platform/bbb-server', { url: targets[0], secret: 'any-secret-of-the-right-length' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const stored = await admin.api('POST', '/api/platform/bbb-server/test', {});
    assert.equal(stored.body.code, 'bbb-test-not-reachable');
    assert.ok(!JSON.stringify(stored.body).includes(SECRET));
    assert.deepEqual(internal.hits, [], 'the internal service received nothing');
  });

  it('Test connection reads alike for a host name that does not exist and one that points inside the network, in English and French', async () => {
    const french = await launchPerson(app.ctx.db, platform, app.url, { sub: 'admin-fr', roles: [ROLE.admin], locale: 'fr-FR' });
    const answers: { en: string; fr: string }[] = [];
    for (const host of [`localhost:${internal.port}`, 'amphi-test-nowhere.invalid', '10.255.255.1']) {
      const url = `http://${host}/bigbluebutton/api`;
      const en = await admin.api('POST', '/api/platform/bbb-server/test', { url, secret: 'any-secret-of-the-right-length' });
      const fr = await french.api('POST', '/api/platform/bbb-server/test', { url, secret: 'any-secret-of-the-right-length' });
      for (const res of [en, fr]) {
        assert.equal(res.status, 200, url);
        assert.equal(res.body.ok, false, url);
        assert.equal(res.body.code, 'bbb-test-not-reachable', url);
      }
      answers.push({ en: en.body.message, fr: fr.body.message });
    }
    assert.equal(new Set(answers.map((a) => JSON.stringify(a))).size, 1, JSON.stringify(answers));
    assert.match(answers[0]!.en, /not reachable from Amphi/);
    assert.match(answers[0]!.fr, /n’est pas joignable depuis Amphi/);
    assert.deepEqual(internal.hits, []);
  });

  it('a server the operator set with the CLI may be on loopback; the administrator keeps that trust only for the same origin', async () => {
    const set = await runCommand('platform-bbb-set', { id: platformId, url: bbb.url, secret: bbb.secret, checksumAlgorithm: bbb.algorithm });
    assert.equal(set.status, 200, await set.clone().text());
    const tested = await admin.api('POST', '/api/platform/bbb-server/test', {});
    assert.equal(tested.body.ok, true, JSON.stringify(tested.body));

    // The administrator changes the algorithm of the operator's server: still the operator's choice of host.
    const changed = await admin.api('PUT', '/api/platform/bbb-server', { url: bbb.url, checksumAlgorithm: bbb.algorithm });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await admin.api('POST', '/api/platform/bbb-server/test', {})).body.ok, true);

    // Another origin (the same machine under another name) is the administrator's choice: the web's rules.
    const elsewhere = bbb.url.replace('127.0.0.1', 'localhost');
    const moved = await admin.api('PUT', '/api/platform/bbb-server', { url: elsewhere, secret: bbb.secret, checksumAlgorithm: bbb.algorithm });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const refused = await admin.api('POST', '/api/platform/bbb-server/test', {});
    assert.equal(refused.body.code, 'bbb-test-not-reachable');
    assert.match(refused.body.message, /OUTBOUND_ALLOW/);
  });

  it('what a server answers is never repeated to the administrator: a FAILED answer shows its messageKey only', async () => {
    const set = await runCommand('platform-bbb-set', { id: platformId, url: `${internal.url}/bigbluebutton/api`, secret: 'operator-secret-0123456789' });
    assert.equal(set.status, 200, await set.clone().text());
    const res = await admin.api('POST', '/api/platform/bbb-server/test', {});
    assert.equal(res.body.ok, false);
    assert.equal(res.body.code, 'bbb-test-refused');
    assert.match(res.body.message, /internalError/);
    assert.ok(!JSON.stringify(res.body).includes(SECRET), JSON.stringify(res.body));
    assert.ok(internal.hits.length > 0, 'the operator’s server was called');
  });

  it('a key set (JWKS) URL inside the network is not fetched: the launch is refused with a classified reason', async () => {
    await app.ctx.db.updateTable('platforms').set({ jwks_url: `${internal.url}/jwks` }).where('id', '=', platformId).execute();
    app.ctx.platforms.invalidate();
    const { response, html } = await platform.launch(app.url, { sub: 'learner-9', roles: [ROLE.learner] });
    assert.equal(response.status, 401);
    assert.match(html, /key set could not be fetched: not reachable from Amphi: .*not in OUTBOUND_ALLOW/);
    assert.ok(!html.includes(SECRET));
    assert.deepEqual(internal.hits, []);
  });

  it('AGS line item and NRPS URLs that a launch points inside the network: nothing reaches them', async () => {
    const teacher = await launchPerson(app.ctx.db, platform, app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    const resource = await createResource(app.ctx.db, { platform_id: platformId, context_id: teacher.contextId, created_by: teacher.userId });
    const inside = {
      resourceLink: { id: 'graded-link' },
      custom: { amphi_resource_id: resource.id },
      ags: { lineitem: `${internal.url}/mod/lti/services.php/42/lineitems/1/lineitem` },
      tamper: (payload: Record<string, unknown>) => {
        payload[NRPS_CLAIM] = { context_memberships_url: `${internal.url}/members`, service_versions: ['2.0'] };
      },
    };
    const learner = await launchPerson(app.ctx.db, platform, app.url, { sub: 'learner-1', roles: [ROLE.learner], ...inside });
    const inActivity = await launchPerson(app.ctx.db, platform, app.url, { sub: 'teacher-1', roles: [ROLE.instructor], ...inside });

    const roster = await inActivity.api<{ status: string; error: string | null }>('GET', '/api/roster?refresh=1');
    assert.equal(roster.status, 200, JSON.stringify(roster.body));
    assert.equal(roster.body.status, 'failed');
    assert.match(roster.body.error ?? '', /lti-nrps: platform unreachable: .*not in OUTBOUND_ALLOW/);

    const given = await inActivity.api('POST', `/api/resources/${resource.id}/scores`, { userId: learner.userId, scoreGiven: 12 });
    assert.equal(given.status, 202, JSON.stringify(given.body));
    await app.ctx.scoreDelivery.drain();
    const book = (await inActivity.api<GradebookResponse>('GET', `/api/resources/${resource.id}/grades`)).body;
    const last = book.learners.find((l) => l.userId === learner.userId)?.lastScore;
    // Retried like a name that does not resolve (which it must not be told from), sending nothing.
    assert.equal(last?.state, 'pending', JSON.stringify(book));
    assert.ok((last?.attempts ?? 0) >= 1, JSON.stringify(book));
    assert.match(last?.error ?? '', /lti-ags: platform unreachable: .*not in OUTBOUND_ALLOW/);
    assert.ok(!JSON.stringify(book).includes(SECRET));
    assert.deepEqual(internal.hits, [], 'the internal service received nothing, not even the access token');
  });
});
