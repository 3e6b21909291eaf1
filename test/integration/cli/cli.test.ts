import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { testEngine } from '../../support/test-database.js';
import { runCli, startServerProcess, useCliHost, useProcessEnv } from '../../support/processes.js';

/**
 * The `amphi` CLI against the real server and database: on the embedded database it goes
 * through the running server (which owns the database) or opens it itself when none runs; on
 * PostgreSQL it always opens the database itself.
 */
describe('amphi CLI', () => {
  const processEnv = useProcessEnv({ LOG_LEVEL: 'warn' });
  const host = useCliHost();
  const { env } = processEnv;

  const moodle = ['--moodle', 'https://moodle.univ.example', '--client-id', 'abc123', '--deployment', '1', '--deployment', '2'];

  it('registers, lists and removes a platform without a running server, in a DATA_DIR closed to other users', async () => {
    fs.chmodSync(processEnv.dataDir, 0o755);
    const added = await runCli(['platform', 'add', ...moodle, '--json'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /^amphi: DATA_DIR \S+ was open to other users \(mode 0755\): it is now 0700\.\n$/);
    const entries = [processEnv.dataDir, ...fs.readdirSync(processEnv.dataDir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(processEnv.dataDir, f))];
    assert.deepEqual(entries.filter((f) => fs.statSync(f).mode & 0o077), [], 'nothing the command wrote is open to others');
    const platform = JSON.parse(added.stdout) as { id: string; jwksUrl: string; deploymentIds: string[] };
    assert.equal(platform.jwksUrl, 'https://moodle.univ.example/mod/lti/certs.php');
    assert.deepEqual(platform.deploymentIds, ['1', '2']);

    const duplicate = await host.run(['platform', 'add', ...moodle], env);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /already registered/);

    const list = await host.run(['platform', 'list'], env);
    assert.match(list.stdout, /client_id\s+abc123/);
    assert.match(list.stdout, /deployments\s+1, 2/);

    const removed = await host.run(['platform', 'remove', platform.id], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match((await host.run(['platform', 'list'], env)).stdout, /No platform registered/);
  });

  it('explains bad arguments and unknown commands', async () => {
    const missing = await host.run(['platform', 'add', '--issuer', 'not-a-url', '--client-id', 'x'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /issuer/);
    assert.match(missing.stderr, /authLoginUrl/);
    const unknown = await host.run(['platform', 'fly'], env);
    assert.equal(unknown.code, 64);
    assert.match(unknown.stderr, /Unknown command: amphi platform fly/);
    const gone = await host.run(['platform', 'remove', 'no-such-id'], env);
    assert.equal(gone.code, 1);
  });

  it('goes through the running server, which sees the change at once', async () => {
    const server = await startServerProcess(env);
    try {
      const added = await host.run(['platform', 'add', ...moodle, '--json'], env);
      assert.equal(added.code, 0, added.stderr);
      // The server accepts logins from the new platform without a restart: at once on the
      // embedded database (the server ran the command), within its cache TTL on PostgreSQL.
      const login = new URLSearchParams({ iss: 'https://moodle.univ.example', client_id: 'abc123', login_hint: 'u', target_link_uri: `http://localhost:${new URL(server.url).port}/lti/launch` });
      let location = '';
      for (let i = 0; i < 100 && !location; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 200));
        location = (await fetch(`${server.url}/lti/login?${login}`, { redirect: 'manual' })).headers.get('location') ?? '';
        if (testEngine() === 'pglite') break;
      }
      assert.match(location, /^https:\/\/moodle\.univ\.example\/mod\/lti\/auth\.php\?/);

      const kidsBefore = ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys;
      const rotated = await host.run(['keys', 'rotate'], env);
      assert.equal(rotated.code, 0, rotated.stderr);
      assert.match(rotated.stdout, /New signing key/);
      const kidsAfter = ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys;
      assert.equal(kidsAfter.length, kidsBefore.length + 1);

      const migrate = await host.run(['migrate'], env);
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.match(migrate.stdout, /up to date/);

      await host.run(['platform', 'remove', (JSON.parse(added.stdout) as { id: string }).id], env);
    } finally {
      assert.equal(await server.stop(), 0, server.output());
    }
  });

  it('refuses a second server on the same embedded database, with a clear message', { skip: testEngine() === 'postgres' && 'PostgreSQL allows several processes' }, async () => {
    const first = await startServerProcess(env);
    try {
      const second = await startServerProcess(env).then(
        async (s) => {
          await s.stop();
          return 'started';
        },
        (err: Error) => err.message,
      );
      assert.match(second, /already open by process \d+ \(an Amphi server/);
    } finally {
      await first.stop();
    }
  });
});
