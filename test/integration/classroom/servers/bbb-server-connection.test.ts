import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { bbbApiFor, testBbbServer } from '../../../../src/classroom/servers/bbb-server.service.js';
import { useFakeBbbFor } from '../../../support/bbb-fixture.js';
import { launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE } from '../../../support/test-platform.js';

const TEST = '/api/platform/bbb-server/test';

/** "Test connection" against the strict fake BBB: what an administrator learns in each failure. */
describe('BBB server connection test', () => {
  const t = useRegisteredPlatform({ CLASSROOM_BBB_TIMEOUT_MS: '400' });
  let fake: FakeBbb;
  let admin: LaunchedPerson;

  before(async () => {
    fake = await startFakeBbb({ version: '2.0' });
  });
  after(() => fake.close());
  beforeEach(async () => {
    fake.setMode('ok');
    admin = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'moodle-admin', roles: [ROLE.admin] });
  });

  it('connects with the right URL, secret and algorithm, and gives a client that works', async () => {
    await useFakeBbbFor(t.app.ctx, admin.platformId, fake);
    const res = await admin.api('POST', TEST, {});
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, true, JSON.stringify(res.body));
    assert.equal(res.body.code, 'bbb-test-ok');
    assert.equal(res.body.version, '2.0');
    assert.match(res.body.message, /^Connected: BigBlueButton API 2\.0 answered/);
    assert.ok(fake.calls.some((c) => c.call === 'getMeetings' && c.ok), 'a signed call was accepted');

    const api = await bbbApiFor(t.app.ctx, admin.platformId);
    const created = await api.create({ name: 'Amphi connection check', meetingID: 'amphi-connection-check' });
    assert.equal(fake.meeting('amphi-connection-check')?.internalMeetingID, created.internalMeetingID);
  });

  it('shows the version a server announced only when it reads as a version number', async () => {
    await useFakeBbbFor(t.app.ctx, admin.platformId, fake);
    const french = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'admin-fr', roles: [ROLE.admin], locale: 'fr-FR' });
    try {
      // Whatever answers BBB's XML at a URL may put any text there: an internal service's banner, markup, a lot of it.
      for (const odd of ['db-internal.corp PostgreSQL 15.2 ready', '3.0.4 <img src=x>', '7'.repeat(5000), `3.0.0-${'x'.repeat(40)}`, '3.0.4\nroot:x:0:0']) {
        fake.setVersion(odd);
        const res = await admin.api('POST', TEST, {});
        assert.equal(res.body.ok, true, JSON.stringify(res.body));
        assert.equal(res.body.version, null, odd.slice(0, 40));
        assert.match(res.body.message, /^Connected: a BigBlueButton API answered and accepted the secret \(\d+ meeting\(s\) running\)\. Its version is not shown/);
        assert.ok(!JSON.stringify(res.body).includes(odd.slice(0, 12)), odd.slice(0, 40));
      }
      assert.match((await french.api('POST', TEST, {})).body.message, /^Connexion réussie : une API BigBlueButton a répondu/);
      for (const version of ['3.0.4', '2.7.10-beta.2', '2.0']) {
        fake.setVersion(version);
        const res = await admin.api('POST', TEST, {});
        assert.equal(res.body.version, version);
        assert.match(res.body.message, new RegExp(`^Connected: BigBlueButton API ${version.replace(/\./g, '\\.')} answered`));
      }
    } finally {
      fake.setVersion('2.0');
    }
  });

  it('answers in the administrator’s language', async () => {
    await useFakeBbbFor(t.app.ctx, admin.platformId, fake);
    const french = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'admin-fr', roles: [ROLE.admin], locale: 'fr-FR' });
    const res = await french.api('POST', TEST, {});
    assert.match(res.body.message, /^Connexion réussie/);
  });

  it('says the secret does not match when the server answers checksumError', async () => {
    await useFakeBbbFor(t.app.ctx, admin.platformId, { ...fake, url: fake.url, algorithm: fake.algorithm, secret: 'not-the-servers-secret-000' });
    const res = await admin.api('POST', TEST, {});
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, false);
    assert.equal(res.body.code, 'bbb-test-secret-mismatch');
    assert.equal(res.body.version, '2.0', 'the URL itself was right');
    assert.match(res.body.message, /the secret does not match the server/);
    assert.equal(fake.calls.at(-1)?.messageKey, 'checksumError');
    assert.ok(!JSON.stringify(res.body).includes('not-the-servers-secret'));
  });

  it('names the algorithm when the server refuses it', async () => {
    await useFakeBbbFor(t.app.ctx, admin.platformId, { url: fake.url, secret: fake.secret, algorithm: 'sha512' });
    const res = await admin.api('POST', TEST, {});
    assert.equal(res.body.code, 'bbb-test-secret-mismatch');
    assert.match(res.body.message, /does not accept the sha512 checksum algorithm/);
  });

  it('says why when the server answers HTML, an HTTP error, or nothing in time', async () => {
    await useFakeBbbFor(t.app.ctx, admin.platformId, fake);
    for (const mode of ['html', 'http-500', 'timeout'] as const) {
      fake.setMode(mode);
      const res = await admin.api('POST', TEST, {});
      assert.equal(res.status, 200, mode);
      assert.equal(res.body.ok, false, mode);
      assert.equal(res.body.code, 'bbb-test-unreachable', mode);
      assert.equal(res.body.version, null, mode);
      assert.match(res.body.message, /could not be reached or did not answer as a BigBlueButton API: \S/, mode);
    }
    fake.setMode('ok');
    assert.equal((await admin.api('POST', TEST, {})).body.ok, true);
  });

  it('tests the form’s values before they are saved, and saves nothing', async () => {
    const res = await admin.api('POST', TEST, { url: fake.url.replace(/api\/$/, ''), secret: fake.secret, checksumAlgorithm: fake.algorithm });
    assert.equal(res.body.ok, true, JSON.stringify(res.body));
    assert.equal((await admin.api('GET', '/api/platform/bbb-server')).body.configured, false);

    // A stored server, and a new URL tried with the stored secret.
    await useFakeBbbFor(t.app.ctx, admin.platformId, fake);
    const moved = await testBbbServer(t.app.ctx, admin.platformId, { url: fake.origin }, 'platform-admin');
    assert.equal(moved.ok, true);
    const wrong = await admin.api('POST', TEST, { url: fake.origin, secret: 'typed-a-wrong-secret' });
    assert.equal(wrong.body.code, 'bbb-test-secret-mismatch');
  });
});
