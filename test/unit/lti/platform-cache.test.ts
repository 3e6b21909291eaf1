import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlatformCache } from '../../../src/lti/platforms/platform-cache.js';
import { insertPlatform, upsertDeployment } from '../../../src/lti/platforms/platform.repository.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** The cache logins and launches read platforms through, on a real (in-memory) database. */
describe('platform cache', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('keeps what exists, forgets what was not found: a platform added by another process is seen at once', async () => {
    const cache = new PlatformCache(database.db, 60_000);
    const issuer = 'https://moodle.univ.example';
    assert.deepEqual(await cache.findByIssuer(issuer, 'client-1'), []);

    // Added behind the cache's back, as the CLI or another server does.
    const platform = await insertPlatform(database.db, {
      issuer,
      client_id: 'client-1',
      name: 'Moodle',
      auth_login_url: `${issuer}/mod/lti/auth.php`,
      auth_token_url: `${issuer}/mod/lti/token.php`,
      jwks_url: `${issuer}/mod/lti/certs.php`,
      allow_new_deployments: false,
      registered_via: 'manual',
      product_family_code: null,
    });
    assert.deepEqual((await cache.findByIssuer(issuer, 'client-1')).map((p) => p.id), [platform.id], 'a miss is not remembered');
    assert.equal(await cache.findDeployment(platform.id, 'dep-1'), undefined);
    await upsertDeployment(database.db, platform.id, 'dep-1');
    assert.equal((await cache.findDeployment(platform.id, 'dep-1'))?.deployment_id, 'dep-1');

    // What was found stays for the TTL, even when the database changes underneath.
    await database.truncate();
    assert.deepEqual((await cache.findByIssuer(issuer, 'client-1')).map((p) => p.id), [platform.id]);
    cache.invalidate();
    assert.deepEqual(await cache.findByIssuer(issuer, 'client-1'), []);
  });
});
