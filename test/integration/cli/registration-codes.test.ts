import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrowserClient } from '../../support/browser-client.js';
import { startServerProcess, useCliHost, useProcessEnv } from '../../support/processes.js';
import { TestPlatform } from '../../support/test-platform.js';

interface Opened {
  id: string;
  code: string;
  url: string;
  state: string;
  expiresAt: string;
  note: string | null;
  mode: string;
}

/** `amphi registration open|list|close`, run as an operator would, with and without a running server. */
describe('amphi registration', () => {
  // The server runs in the default mode (code) and may reach the test platform on loopback.
  const { env } = useProcessEnv({ LOG_LEVEL: 'warn', PUBLIC_URL: 'https://amphi.univ.example', OUTBOUND_ALLOW: '127.0.0.1' });
  const host = useCliHost();

  async function cli(args: string[]) {
    const result = await host.run(args, env);
    assert.equal(result.code, 0, `amphi ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  it('opens single-use registration URLs, lists and closes them without a running server', async () => {
    const opened = JSON.parse(await cli(['registration', 'open', '--ttl', '2h', '--note', 'Moodle of the faculty', '--json'])) as Opened;
    assert.match(opened.url, /^https:\/\/amphi\.univ\.example\/lti\/register\?code=[\w-]{32}$/);
    assert.equal(new URL(opened.url).searchParams.get('code'), opened.code);
    assert.equal(opened.state, 'open');
    assert.equal(opened.mode, 'code');
    const hours = (Date.parse(opened.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 1.9 && hours <= 2, `expires in ${hours} h`);

    const text = await cli(['registration', 'open']);
    const url = /^\s+(https:\/\/\S+)$/m.exec(text)?.[1];
    assert.ok(url, text);
    assert.match(text, /shown only now/);
    const secondId = /amphi registration close (\S+)/.exec(text)?.[1];
    assert.ok(secondId, text);

    const list = await cli(['registration', 'list']);
    assert.match(list, new RegExp(`${opened.id}\\s+open\\s+.*— Moodle of the faculty`));
    assert.ok(!list.includes(opened.code) && !list.includes(new URL(url).searchParams.get('code')!), 'codes are never listed');

    assert.match(await cli(['registration', 'close', opened.code]), new RegExp(`Closed registration code ${opened.id}`));
    await cli(['registration', 'close', secondId]);
    const listed = JSON.parse(await cli(['registration', 'list', '--json'])) as { id: string; state: string }[];
    assert.deepEqual(listed.map((c) => c.state), ['closed', 'closed']);

    const again = await host.run(['registration', 'close', opened.id], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is closed: only an open code can be closed/);
    const unknown = await host.run(['registration', 'close', 'no-such-code'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No registration code has id or code no-such-code/);
    for (const ttl of ['0m', '31d', 'soon']) {
      const bad = await host.run(['registration', 'open', '--ttl', ttl], env);
      assert.equal(bad.code, 1, ttl);
      assert.match(bad.stderr, /--ttl takes a duration from 1m to 30d/);
    }
  });

  it('through the running server: the URL registers one Moodle, then is spent', async () => {
    const server = await startServerProcess(env);
    const platform = await TestPlatform.start();
    try {
      const opened = JSON.parse(await cli(['registration', 'open', '--json'])) as Opened;
      // PUBLIC_URL names the proxy in front of Amphi; the test reaches the server directly.
      const start = opened.url.replace('https://amphi.univ.example', server.url);
      const registered = await new BrowserClient().get(await platform.startDynamicRegistration(start));
      assert.equal(registered.status, 200, await registered.text());

      const [code] = JSON.parse(await cli(['registration', 'list', '--json'])) as { state: string; platformId: string }[];
      assert.equal(code!.state, 'used');
      const platforms = JSON.parse(await cli(['platform', 'list', '--json'])) as { id: string; issuer: string }[];
      assert.deepEqual(platforms.map((p) => [p.id, p.issuer]), [[code!.platformId, platform.issuer]]);

      const reused = await new BrowserClient().get(await platform.startDynamicRegistration(start, { clientId: 'another-client' }));
      assert.equal(reused.status, 403);
    } finally {
      await platform.close();
      assert.equal(await server.stop(), 0, server.output());
    }
  });
});
