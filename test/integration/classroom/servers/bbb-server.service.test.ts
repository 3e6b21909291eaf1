import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CHECKSUM_ALGORITHMS } from '../../../../src/classroom/bbb/bbb.types.js';
import { bbbApiFor, bbbSecretFor, getBbbServerView, removeBbbServer, secretFingerprint, setBbbServer, testBbbServer } from '../../../../src/classroom/servers/bbb-server.service.js';
import { AppError } from '../../../../src/http/errors.js';
import { addPlatform } from '../../../../src/lti/platforms/platform.service.js';
import { moodleEndpoints } from '../../../../src/lti/platforms/platform.schemas.js';
import { startTestApp, type TestApp } from '../../../support/test-app.js';

const SECRET = 'b8fd5a3a9c7e41f2a8d0c6e5f4b3a2910c8d7e6f';

async function rejects(promise: Promise<unknown>, code: string, status: number) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.status, status);
    return true;
  });
}

/** bbb-server.service: each platform's server, sealed secret, bbbApiFor / bbbSecretFor. */
describe('BBB server service', () => {
  let app: TestApp;
  let platformId: string;
  let otherPlatformId: string;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    await app.reset();
    const add = (host: string) => addPlatform(app.ctx.db, { ...moodleEndpoints(`https://${host}`), clientId: 'c' }, { allowNewDeployments: false });
    platformId = (await add('moodle.univ-a.example')).id;
    otherPlatformId = (await add('moodle.univ-b.example')).id;
  });

  it('stores the normalised URL and the secret sealed: the row holds no clear secret', async () => {
    const view = await setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example/bigbluebutton/', secret: SECRET }, 'u-1', 'platform-admin');
    assert.deepEqual(
      { ...view, updatedAt: undefined },
      {
        platformId,
        configured: true,
        url: 'https://bbb.univ-a.example/bigbluebutton/api/',
        checksumAlgorithm: 'sha256',
        secretFingerprint: secretFingerprint(SECRET),
        secure: true,
        updatedAt: undefined,
      },
    );
    assert.match(view.secretFingerprint!, /^sha256:[0-9a-f]{8}$/);
    assert.ok(!JSON.stringify(view).includes(SECRET));

    const row = await app.ctx.db.selectFrom('bbb_servers').selectAll().where('platform_id', '=', platformId).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes(SECRET), 'no column holds the secret in clear');
    assert.ok(!row.secret_encrypted.includes(SECRET.slice(0, 12)));
    assert.equal(app.ctx.secrets.decrypt(row.secret_encrypted), SECRET);
    assert.equal(row.updated_by, 'u-1');
    assert.equal(await bbbSecretFor(app.ctx, platformId), SECRET);
  });

  it('keeps the stored secret and algorithm when an update leaves them out, and replaces them when given', async () => {
    await setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example', secret: SECRET, checksumAlgorithm: 'sha1' }, null, 'platform-admin');
    const moved = await setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example/bigbluebutton/' }, null, 'platform-admin');
    assert.equal(moved.url, 'https://bbb.univ-a.example/bigbluebutton/api/');
    assert.equal(moved.checksumAlgorithm, 'sha1');
    assert.equal(await bbbSecretFor(app.ctx, platformId), SECRET);

    // Another host (or scheme) gets the stored secret only when it is typed again: its checksums could be replayed.
    await rejects(setBbbServer(app.ctx, platformId, { url: 'https://scalelite.univ-a.example' }, null, 'platform-admin'), 'bbb-server-secret-required', 400);
    await rejects(setBbbServer(app.ctx, platformId, { url: 'http://bbb.univ-a.example' }, null, 'platform-admin'), 'bbb-server-secret-required', 400);
    assert.equal((await getBbbServerView(app.ctx, platformId)).url, 'https://bbb.univ-a.example/bigbluebutton/api/');

    const changed = await setBbbServer(app.ctx, platformId, { url: 'https://scalelite.univ-a.example', secret: 'another-secret-0123', checksumAlgorithm: 'sha512' }, null, 'platform-admin');
    assert.equal(changed.checksumAlgorithm, 'sha512');
    assert.notEqual(changed.secretFingerprint, moved.secretFingerprint);
    assert.equal(await bbbSecretFor(app.ctx, platformId), 'another-secret-0123');
  });

  it('accepts each checksum algorithm', async () => {
    for (const checksumAlgorithm of CHECKSUM_ALGORITHMS) {
      const view = await setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example', secret: SECRET, checksumAlgorithm }, null, 'platform-admin');
      assert.equal(view.checksumAlgorithm, checksumAlgorithm);
    }
  });

  it('refuses a first setting without secret, a secret that cannot be one, and a bad URL, storing nothing', async () => {
    await rejects(setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example' }, null, 'platform-admin'), 'bbb-server-secret-required', 400);
    await rejects(setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example', secret: 'short' }, null, 'platform-admin'), 'bbb-server-secret-invalid', 400);
    await rejects(setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example', secret: 'has a space inside' }, null, 'platform-admin'), 'bbb-server-secret-invalid', 400);
    await rejects(setBbbServer(app.ctx, platformId, { url: 'https://u:p@bbb.univ-a.example', secret: SECRET }, null, 'platform-admin'), 'bbb-server-url-credentials', 400);
    await rejects(setBbbServer(app.ctx, platformId, { url: 'ftp://bbb.univ-a.example', secret: SECRET }, null, 'platform-admin'), 'bbb-server-url-scheme', 400);
    await rejects(setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example/api?x=1', secret: SECRET }, null, 'platform-admin'), 'bbb-server-url-query', 400);
    assert.equal((await getBbbServerView(app.ctx, platformId)).configured, false);
  });

  it('flags plain http as not secure', async () => {
    const view = await setBbbServer(app.ctx, platformId, { url: 'http://bbb.univ-a.example', secret: SECRET }, null, 'platform-admin');
    assert.equal(view.url, 'http://bbb.univ-a.example/bigbluebutton/api/');
    assert.equal(view.secure, false);
  });

  it('keeps platforms apart and answers unknown-platform-id for a platform that does not exist', async () => {
    await setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example', secret: SECRET }, null, 'platform-admin');
    assert.equal((await getBbbServerView(app.ctx, otherPlatformId)).configured, false);
    assert.equal(await bbbSecretFor(app.ctx, otherPlatformId), undefined);
    await rejects(bbbApiFor(app.ctx, otherPlatformId), 'bbb-not-configured', 409);
    await rejects(setBbbServer(app.ctx, 'no-such-platform', { url: 'https://x.example', secret: SECRET }, null, 'platform-admin'), 'unknown-platform-id', 404);
    await rejects(getBbbServerView(app.ctx, 'no-such-platform'), 'unknown-platform-id', 404);
    await rejects(removeBbbServer(app.ctx, 'no-such-platform'), 'unknown-platform-id', 404);
  });

  it('gives a client for the configured server, and bbb-not-configured once removed', async () => {
    await setBbbServer(app.ctx, platformId, { url: 'https://bbb.univ-a.example', secret: SECRET, checksumAlgorithm: 'sha1' }, null, 'platform-admin');
    const api = await bbbApiFor(app.ctx, platformId);
    const join = new URL(api.joinUrl({ fullName: 'Ada Lovelace', meetingID: 'amphi-r1', role: 'VIEWER' }));
    assert.equal(`${join.origin}${join.pathname}`, 'https://bbb.univ-a.example/bigbluebutton/api/join');
    assert.match(join.searchParams.get('checksum')!, /^[0-9a-f]{40}$/, 'sha1 as stored');

    assert.equal(await removeBbbServer(app.ctx, platformId), true);
    assert.equal(await removeBbbServer(app.ctx, platformId), false);
    await rejects(bbbApiFor(app.ctx, platformId), 'bbb-not-configured', 409);
    assert.equal(await bbbSecretFor(app.ctx, platformId), undefined);
  });

  it('explains a secret sealed with another key instead of failing obscurely', async () => {
    await app.ctx.db
      .insertInto('bbb_servers')
      .values({ platform_id: platformId, url: 'https://bbb.univ-a.example/bigbluebutton/api/', secret_encrypted: 'v1.AAAA.BBBB.CCCC', configured_by: 'platform-admin' })
      .execute();
    await rejects(bbbApiFor(app.ctx, platformId), 'bbb-server-secret-unreadable', 409);
    assert.equal((await getBbbServerView(app.ctx, platformId)).secretFingerprint, null);
  });

  it('tests an unreachable server and says why, without throwing', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await rejects(testBbbServer(app.ctx, platformId, {}, 'platform-admin'), 'bbb-not-configured', 409);
    await setBbbServer(app.ctx, platformId, { url: `http://127.0.0.1:${port}`, secret: SECRET }, null, 'platform-admin');
    const result = await testBbbServer(app.ctx, platformId, {}, 'platform-admin');
    assert.equal(result.ok, false);
    assert.equal(result.code, 'bbb-test-unreachable');
    assert.equal(result.version, null);
    assert.ok(String(result.params.reason).length > 0);
    assert.ok(!JSON.stringify(result).includes(SECRET));
  });
});
