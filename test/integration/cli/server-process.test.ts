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

  it('keeps its data across restarts', async () => {
    const first = await startServerProcess(env);
    const kid = ((await (await fetch(`${first.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys[0]!.kid;
    await first.stop();
    const second = await startServerProcess(env);
    const again = ((await (await fetch(`${second.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    await second.stop();
    assert.ok(again.includes(kid));
  });
});
