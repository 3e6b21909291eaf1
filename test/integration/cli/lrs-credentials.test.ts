import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../src/config/config.js';
import { createContext } from '../../../src/context.js';
import { databaseTargetFrom, openDatabase } from '../../../src/db/database.js';
import { createLogger } from '../../../src/http/logger.js';
import { authenticateLrs } from '../../../src/lrs/credentials/credential.service.js';
import { LRS_SCOPES } from '../../../src/lrs/credentials/lrs-principal.js';
import { XapiError } from '../../../src/lrs/xapi/xapi-error.js';
import { testEngine } from '../../support/test-database.js';
import { startServerProcess, useCliHost, useProcessEnv } from '../../support/processes.js';

interface Created {
  id: string;
  key: string;
  secret: string;
  endpoint: string;
  platformId: string;
  scopes: string[];
  authority: { account: { homePage: string; name: string } };
}

const basic = (c: { key: string; secret: string }) => `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`;

/** `amphi lrs credentials …` and `amphi platform lrs-identity`, run as an administrator would. */
describe('amphi lrs credentials', () => {
  const { env } = useProcessEnv({ LOG_LEVEL: 'warn', PUBLIC_URL: 'https://amphi.univ.example' });
  const host = useCliHost();
  const moodle = ['--moodle', 'https://moodle.univ.example', '--client-id', 'lrs-client', '--deployment', '1'];

  async function cli(args: string[]) {
    const result = await host.run(args, env);
    assert.equal(result.code, 0, `amphi ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  /** authenticateLrs on the database the CLI wrote (no server holds it between commands). */
  async function authenticate(authorization: string): Promise<number | { platformId: string; scopes: string[] }> {
    const config = loadConfig(env);
    const database = await openDatabase(databaseTargetFrom(config));
    try {
      const ctx = await createContext(config, database, createLogger('silent'));
      const principal = await authenticateLrs(ctx, authorization);
      return { platformId: principal.platformId, scopes: [...principal.scopes].sort() };
    } catch (err) {
      if (err instanceof XapiError) return err.status;
      throw err;
    } finally {
      await database.close();
    }
  }

  it('creates a credential that authenticates, lists it without its secret, and revokes it', async () => {
    const platform = JSON.parse(await cli(['platform', 'add', ...moodle, '--json'])) as { id: string };

    const created = JSON.parse(
      await cli(['lrs', 'credentials', 'create', '--platform', platform.id, '--scopes', 'statements/write,statements/read', '--name', 'Moodle logstore', '--json']),
    ) as Created;
    assert.equal(created.platformId, platform.id);
    assert.deepEqual(created.scopes, ['statements/write', 'statements/read']);
    assert.equal(created.endpoint, 'https://amphi.univ.example/xapi/');
    assert.match(created.key, /^amphi_[0-9a-f]{24}$/);
    assert.ok(created.secret.length >= 40);
    assert.deepEqual(created.authority.account, { homePage: 'https://amphi.univ.example/xapi', name: created.key });
    assert.deepEqual(await authenticate(basic(created)), { platformId: platform.id, scopes: ['statements/read', 'statements/write'] });
    assert.equal(await authenticate(basic({ key: created.key, secret: 'wrong' })), 401);

    // Text output: everything a client needs, once, with a command to try it.
    const text = await cli(['lrs', 'credentials', 'create', '--platform', platform.id, '--scopes', 'statements/write', '--scopes', 'state']);
    const key = /key\s+(amphi_\w+)/.exec(text)?.[1];
    const secret = /secret\s+(\S+)/.exec(text)?.[1];
    assert.ok(key && secret, text);
    assert.match(text, /endpoint\s+https:\/\/amphi\.univ\.example\/xapi\//);
    assert.match(text, /scopes\s+statements\/write, state/);
    const curl = text.split('\n').find((l) => l.trim().startsWith('curl '));
    assert.ok(curl?.includes(`-u '${key}:${secret}' -H 'X-Experience-API-Version: 1.0.3'`), text);
    assert.ok(curl!.endsWith(`'https://amphi.univ.example/xapi/statements'`), 'write-only: the example posts a statement');
    assert.equal((await authenticate(basic({ key, secret })) as { platformId: string }).platformId, platform.id);

    const list = await cli(['lrs', 'credentials', 'list']);
    assert.match(list, /Moodle logstore\s+\[/);
    assert.ok(list.includes(created.key) && list.includes(key));
    assert.ok(!list.includes(created.secret) && !list.includes(secret), 'the secret is never listed');
    const listed = JSON.parse(await cli(['lrs', 'credentials', 'list', '--platform', platform.id, '--json'])) as Record<string, unknown>[];
    assert.equal(listed.length, 2);
    assert.ok(listed.every((c) => !('secret' in c) && !('secretHash' in c) && !JSON.stringify(c).includes('scrypt')));

    const revoked = await cli(['lrs', 'credentials', 'revoke', created.key]);
    assert.match(revoked, new RegExp(`Revoked LRS credential ${created.key}`));
    assert.equal(await authenticate(basic(created)), 401);
    assert.match(await cli(['lrs', 'credentials', 'list']), /revoked\s+\d{4}-/);
    const again = await host.run(['lrs', 'credentials', 'revoke', created.id], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /No active LRS credential has id or key/);
  });

  it('explains an unknown platform, an unknown scope and missing options', async () => {
    const unknownPlatform = await host.run(['lrs', 'credentials', 'create', '--platform', 'no-such-platform', '--scopes', 'statements/read'], env);
    assert.equal(unknownPlatform.code, 1);
    assert.match(unknownPlatform.stderr, /No platform has id no-such-platform \(see amphi platform list\)/);
    const listUnknown = await host.run(['lrs', 'credentials', 'list', '--platform', 'no-such-platform'], env);
    assert.equal(listUnknown.code, 1);
    assert.match(listUnknown.stderr, /No platform has id no-such-platform/);

    const platform = JSON.parse(await cli(['platform', 'add', '--moodle', 'https://other.univ.example', '--client-id', 'x', '--json'])) as { id: string };
    const badScope = await host.run(['lrs', 'credentials', 'create', '--platform', platform.id, '--scopes', 'statements/write,statements/delete'], env);
    assert.equal(badScope.code, 1);
    assert.match(badScope.stderr, /"statements\/delete" is not an LRS scope/);
    assert.ok(badScope.stderr.includes(`valid scopes: ${LRS_SCOPES.join(', ')}`), badScope.stderr);

    const noScopes = await host.run(['lrs', 'credentials', 'create', '--platform', platform.id], env);
    assert.equal(noScopes.code, 1);
    assert.match(noScopes.stderr, /Usage: amphi lrs credentials create --platform <id> --scopes/);
    const unknown = await host.run(['lrs', 'credentials', 'rotate'], env);
    assert.equal(unknown.code, 64);
    assert.match(unknown.stderr, /Unknown command: amphi lrs credentials rotate/);
  });

  it('sets how a platform’s users appear in statements', async () => {
    const platform = JSON.parse(await cli(['platform', 'add', '--moodle', 'https://third.univ.example', '--client-id', 'y', '--json'])) as { id: string; lrsIdentity: string };
    assert.equal(platform.lrsIdentity, 'pseudonymous');
    assert.match(await cli(['platform', 'lrs-identity', platform.id, 'email']), /xAPI actors\s+email/);
    const listed = JSON.parse(await cli(['platform', 'list', '--json'])) as { id: string; lrsIdentity: string }[];
    assert.equal(listed.find((p) => p.id === platform.id)?.lrsIdentity, 'email');
    assert.match(await cli(['platform', 'lrs-identity', platform.id, 'pseudonymous']), /xAPI actors\s+pseudonymous/);

    const bad = await host.run(['platform', 'lrs-identity', platform.id, 'name'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Usage: amphi platform lrs-identity <platform id> pseudonymous\|email/);
    const unknown = await host.run(['platform', 'lrs-identity', 'no-such-platform', 'email'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No platform has id no-such-platform/);
  });

  it('through the running server: the credential works on /xapi/statements until revoked', async () => {
    const server = await startServerProcess(env);
    try {
      const platform = JSON.parse(await cli(['platform', 'add', '--moodle', 'https://live.univ.example', '--client-id', 'z', '--json'])) as { id: string };
      const created = JSON.parse(await cli(['lrs', 'credentials', 'create', '--platform', platform.id, '--scopes', 'statements/read', '--json'])) as Created;
      const get = (authorization: string) =>
        fetch(`${server.url}/xapi/statements?limit=1`, { headers: { Authorization: authorization, 'X-Experience-API-Version': '1.0.3' } });

      const ok = await get(basic(created));
      assert.equal(ok.status, 200, await ok.clone().text());
      assert.deepEqual(((await ok.json()) as { statements: unknown[] }).statements, []);
      assert.equal((await get(basic({ key: created.key, secret: 'wrong' }))).status, 401);

      assert.ok((await cli(['lrs', 'credentials', 'list', '--platform', platform.id])).includes(created.key));
      const unknownPlatform = await host.run(['lrs', 'credentials', 'create', '--platform', 'no-such-platform', '--scopes', 'statements/read'], env);
      assert.match(unknownPlatform.stderr, /No platform has id no-such-platform/);
      const badScope = await host.run(['lrs', 'credentials', 'create', '--platform', platform.id, '--scopes', 'everything'], env);
      assert.match(badScope.stderr, /"everything" is not an LRS scope; valid scopes: statements\/write, /);
      await cli(['lrs', 'credentials', 'revoke', created.id]);
      // At once on the embedded database (the server ran the revocation and forgot the cached
      // secret); on PostgreSQL the server's cache keeps it up to 30 s.
      let status = 0;
      for (let i = 0; i < 70 && status !== 401; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 500));
        status = (await get(basic(created))).status;
        if (testEngine() === 'pglite') break;
      }
      assert.equal(status, 401);
    } finally {
      assert.equal(await server.stop(), 0, server.output());
    }
  });
});
