import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { testEngine } from '../../support/test-database.js';
import { ROOT, startServerProcess, useProcessEnv } from '../../support/processes.js';

describe('the server process', () => {
  const processEnv = useProcessEnv();
  const env = processEnv.env;

  it('stops at start on a bad setting, naming it', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.js')], { env: { PATH: process.env.PATH!, PORT: 'eighty', DATA_DIR: processEnv.dataDir } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 78);
    assert.match(stderr, /PORT: /);
  });

  it('stops at start when a Vosk model is missing, naming the language and the folder', async () => {
    const missing = path.join(processEnv.dataDir, 'no-such-model');
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.js')], { env: { ...env, PATH: process.env.PATH!, PORT: '0', VOSK_MODEL_FR: missing } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.ok(output.includes(`Vosk model for fr at ${missing}: the folder does not exist`), output);
    assert.doesNotMatch(output, /Amphi is listening/);
  });

  it('starts, logs JSON with request ids, and shuts down cleanly on SIGTERM', async () => {
    const server = await startServerProcess(env);
    await fetch(`${server.url}/lti/config`, { headers: { 'X-Request-Id': 'trace-me' } });
    const code = await server.stop('SIGTERM');
    assert.equal(code, 0, server.output());
    const lines = server.output().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.some((l) => l.msg === 'Amphi is listening'));
    assert.ok(lines.some((l) => l.requestId === 'trace-me'));
    assert.ok(lines.some((l) => l.msg === 'shutting down'));
    if (testEngine() === 'pglite') assert.equal(fs.existsSync(path.join(processEnv.dataDir, 'amphi.lock')), false, 'lock released');
  });

  it('keeps its data across restarts, in a DATA_DIR closed to other users', async () => {
    const dataDir = path.join(processEnv.dataDir, 'made-by-the-server');
    const first = await startServerProcess({ ...env, DATA_DIR: dataDir });
    const kid = ((await (await fetch(`${first.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys[0]!.kid;
    await first.stop();
    // The folder 0700, and nothing in it (PGlite's files, keys, token) open to group or others.
    assert.equal(modeOf(dataDir), 0o700);
    const open = filesUnder(dataDir).filter((f) => modeOf(f) & 0o077);
    assert.deepEqual(open.map((f) => `${path.relative(dataDir, f)} ${modeOf(f).toString(8)}`), []);
    if (testEngine() === 'pglite') assert.ok(filesUnder(dataDir).length > 20, 'the embedded database is in DATA_DIR');

    // Opened by someone meanwhile: the next start closes it again, and says so.
    fs.chmodSync(dataDir, 0o755);
    const second = await startServerProcess({ ...env, DATA_DIR: dataDir });
    const again = ((await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    await second.stop();
    assert.ok(again.includes(kid));
    assert.equal(modeOf(dataDir), 0o700);
    assert.match(second.output(), /"level":40,.*DATA_DIR [^ ]+ was open to other users \(mode 0755\): it is now 0700/);
  });
});

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name));
}
