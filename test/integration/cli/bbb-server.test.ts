import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { ROOT, startServerProcess, useCliHost, useProcessEnv } from '../../support/processes.js';

/** The CLI with `input` on its stdin (runCli leaves stdin open). */
function runCliWithInput(args: string[], env: Record<string, string>, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), ...args], { env: { PATH: process.env.PATH!, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

interface View {
  platformId: string;
  configured: boolean;
  url: string | null;
  checksumAlgorithm: string | null;
  secretFingerprint: string | null;
  secure: boolean | null;
}

/** `amphi platform bbb …`, run as an administrator would, with and without a running server. */
describe('amphi platform bbb', () => {
  const { env } = useProcessEnv({ LOG_LEVEL: 'info', PUBLIC_URL: 'https://amphi.univ.example' });
  let fake: FakeBbb;
  const host = useCliHost();
  const everything: string[] = [];

  before(async () => {
    fake = await startFakeBbb();
  });
  after(async () => {
    await fake.close();
  });

  async function run(args: string[], extraEnv: Record<string, string> = {}) {
    const result = await host.run(args, { ...env, ...extraEnv });
    everything.push(result.stdout, result.stderr);
    return result;
  }
  async function cli(args: string[], extraEnv: Record<string, string> = {}) {
    const result = await run(args, extraEnv);
    assert.equal(result.code, 0, `amphi ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }
  async function addPlatform(host: string): Promise<string> {
    return (JSON.parse(await cli(['platform', 'add', '--moodle', `https://${host}`, '--client-id', 'c', '--json'])) as { id: string }).id;
  }

  it('sets, shows, tests and removes a platform’s server without a running server; the secret never shows', async () => {
    const id = await addPlatform('moodle.univ.example');
    assert.match(await cli(['platform', 'bbb', id]), /has no BigBlueButton server: its classrooms cannot open/);

    const set = await cli(['platform', 'bbb', id, '--url', fake.origin, '--secret', fake.secret]);
    assert.match(set, /^Saved\./);
    assert.ok(set.includes(`API URL           ${fake.url}`), set);
    assert.match(set, /checksum {10}sha256/);
    assert.match(set, /secret {12}sha256:[0-9a-f]{8} \(fingerprint/);
    assert.ok(set.includes(`amphi platform bbb ${id} test`));

    const shown = JSON.parse(await cli(['platform', 'bbb', id, '--json'])) as View;
    assert.equal(shown.url, fake.url);
    assert.equal(shown.checksumAlgorithm, 'sha256');
    assert.equal(shown.secure, true);

    const tested = await run(['platform', 'bbb', id, 'test']);
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(tested.stdout, /^Connected: BigBlueButton API \S+ answered and accepted the secret/);

    assert.match(await cli(['platform', 'bbb', id, 'remove']), new RegExp(`Removed the BigBlueButton server of platform ${id}`));
    assert.match(await cli(['platform', 'bbb', id, 'remove']), new RegExp(`Platform ${id} had no BigBlueButton server`));
    assert.equal((JSON.parse(await cli(['platform', 'bbb', id, '--json'])) as View).configured, false);
    const untested = await run(['platform', 'bbb', id, 'test']);
    assert.equal(untested.code, 1);
    assert.match(untested.stderr, /No BigBlueButton server is set up for this platform yet/);

    assert.ok(!everything.join('\n').includes(fake.secret), 'no output carries the secret');
  });

  it('reads the secret from stdin or AMPHI_BBB_SECRET, keeps it when left out, and fails the test with a wrong one', async () => {
    const id = await addPlatform('moodle2.univ.example');
    const fromStdin = await runCliWithInput(['platform', 'bbb', id, '--url', fake.url, '--secret', '-', '--json'], env, `${fake.secret}\n`);
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    const first = JSON.parse(fromStdin.stdout) as View;
    assert.ok(!fromStdin.stdout.includes(fake.secret));
    assert.equal((await run(['platform', 'bbb', id, 'test'])).code, 0);

    // Only the algorithm changes: the stored secret stays (and sha1 is refused by this fake, which accepts sha256 only).
    const sha1 = JSON.parse(await cli(['platform', 'bbb', id, '--url', fake.url, '--checksum', 'sha1', '--json'])) as View;
    assert.equal(sha1.checksumAlgorithm, 'sha1');
    assert.equal(sha1.secretFingerprint, first.secretFingerprint);
    const refused = await run(['platform', 'bbb', id, 'test']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /the secret does not match the server \(or the server does not accept the sha1 checksum algorithm\)/);

    const fromEnv = JSON.parse(await cli(['platform', 'bbb', id, '--url', fake.url, '--checksum', 'sha256', '--json'], { AMPHI_BBB_SECRET: 'a-wrong-secret-from-env' })) as View;
    assert.notEqual(fromEnv.secretFingerprint, first.secretFingerprint);
    const wrong = await run(['platform', 'bbb', id, 'test', '--json']);
    assert.equal(wrong.code, 1);
    assert.equal((JSON.parse(wrong.stdout) as { code: string }).code, 'bbb-test-secret-mismatch');
    assert.ok(!everything.join('\n').includes('a-wrong-secret-from-env'));
  });

  it('explains bad arguments, bad URLs and unknown platforms', async () => {
    const id = await addPlatform('moodle3.univ.example');
    const cases: [string[], RegExp][] = [
      [['platform', 'bbb'], /Usage: amphi platform bbb <platform id>/],
      [['platform', 'bbb', id, '--secret', 'abcdefghijkl'], /--secret and --checksum go with --url/],
      [['platform', 'bbb', id, 'restart'], /Usage: amphi platform bbb/],
      [['platform', 'bbb', id, 'test', '--url', fake.url], /Usage: amphi platform bbb/],
      [['platform', 'bbb', id, '--url', fake.url], /Enter the server’s shared secret/],
      [['platform', 'bbb', id, '--url', 'ftp://bbb.univ.example', '--secret', 'abcdefghijkl'], /must start with https:\/\//],
      [['platform', 'bbb', id, '--url', 'https://u:pw@bbb.univ.example', '--secret', 'abcdefghijkl'], /must not contain a user name or password/],
      [['platform', 'bbb', id, '--url', fake.url, '--secret', 'abcdefghijkl', '--checksum', 'md5'], /Invalid arguments:\n {2}- checksumAlgorithm/],
      [['platform', 'bbb', 'no-such-platform', '--url', fake.url, '--secret', 'abcdefghijkl'], /No platform has id no-such-platform/],
      [['platform', 'bbb', 'no-such-platform'], /No platform has id no-such-platform/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      assert.equal(result.code, 1, `amphi ${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, message, `amphi ${args.join(' ')}`);
    }
    assert.equal((JSON.parse(await cli(['platform', 'bbb', id, '--json'])) as View).configured, false, 'nothing stored');
  });

  it('goes through the running server, whose classrooms use the new server at once; nothing logs the secret', async () => {
    const id = await addPlatform('live.univ.example');
    const server = await startServerProcess(env);
    try {
      await cli(['platform', 'bbb', id, '--url', fake.url, '--secret', fake.secret]);
      assert.equal((JSON.parse(await cli(['platform', 'bbb', id, '--json'])) as View).url, fake.url);
      const before = fake.count('getMeetings');
      const tested = await run(['platform', 'bbb', id, 'test']);
      assert.equal(tested.code, 0, tested.stderr);
      assert.equal(fake.count('getMeetings'), before + 1);
      const unknown = await run(['platform', 'bbb', 'no-such-platform']);
      assert.match(unknown.stderr, /No platform has id no-such-platform/);
      assert.match(await cli(['platform', 'bbb', id, 'remove']), /Removed the BigBlueButton server/);
      assert.ok(!server.output().includes(fake.secret), 'the server never logs the secret');
    } finally {
      await server.stop();
    }
    assert.ok(!everything.join('\n').includes(fake.secret));
  });
});
