import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { withoutSecrets } from '../../../src/privacy/audit-log.service.js';
import { learnerAgentKeys } from '../../../src/lrs/learner-data.service.js';
import { CommandFailed, describeErasure, gdprCommand, retentionCommand } from '../../../src/privacy/privacy.cli.js';

describe('audit log details', () => {
  it('removes every secret-sounding value at any depth and keeps the rest', () => {
    const args = { id: 'p1', url: 'https://bbb.example', secret: 's3cr3t', nested: { password: 'pw', apiKey: 'k', list: [{ token: 't', n: 1 }] } };
    assert.deepEqual(withoutSecrets(args), {
      id: 'p1',
      url: 'https://bbb.example',
      secret: '[redacted]',
      nested: { password: '[redacted]', apiKey: '[redacted]', list: [{ token: '[redacted]', n: 1 }] },
    });
    assert.ok(!JSON.stringify(withoutSecrets(args)).includes('s3cr3t'));
  });
});

describe('a learner’s agent keys', () => {
  it('are the account of both identity modes, and the mbox of each address ever sent', () => {
    assert.deepEqual(learnerAgentKeys('https://moodle.example', 'u42', ['Ada@Example.org', null, 'ada@example.org', 'not an address']), [
      'account:https://moodle.example|u42',
      'mbox:mailto:ada@example.org',
    ]);
  });
});

describe('the erasure summary', () => {
  it('names each table, and the forwarded copies to erase elsewhere', () => {
    const text = describeErasure({
      platformId: 'p1',
      sub: 'u42',
      counts: { lrs_statements: 3, lti_users: 1 },
      forwarded: [{ sink: 'xapi', destination: 'https://ralph.example/xAPI/', statementIds: ['0f8fad5b-d9cb-469f-a165-70867728950e'] }],
    });
    assert.match(text, /lrs_statements\s+3/);
    assert.match(text, /Forwarded to xapi \(https:\/\/ralph\.example\/xAPI\/\): 1 statement\(s\) to erase there too:\n {2}0f8fad5b-d9cb-469f-a165-70867728950e/);
  });
});

describe('the privacy command lines', () => {
  /** Runs `fn` with stdout and stderr captured, and a fake admin command runner recording its calls. */
  async function capture(fn: (run: (name: string, args?: unknown) => Promise<unknown>) => Promise<number>, answer: unknown) {
    const calls: [string, unknown][] = [];
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => (out.push(s), true)) as typeof process.stderr.write;
    try {
      const code = await fn(async (name, args) => (calls.push([name, args]), answer));
      return { code, calls, out: out.join('') };
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
  }
  const shown = { platformId: 'p1', periods: { statementsDays: 180, videoViewsDays: 395, attendanceDays: 395, launchLogsDays: 365 }, own: { statementsDays: 180 } };

  it('sets only the periods given, `default` meaning back to the server’s', async () => {
    const r = await capture((run) => retentionCommand(['--id', 'p1', '--statements-days', '180', '--launch-logs-days', 'default'], run), shown);
    assert.deepEqual(r.calls, [['platform-retention', { id: 'p1', statementsDays: 180, launchLogsDays: null }]]);
    assert.match(r.out, /statements-days\s+180 days\n {2}video-views-days\s+395 days \(the server default\)/);
  });

  it('only shows the periods when none is given (a read, not an action)', async () => {
    const r = await capture((run) => retentionCommand(['--id', 'p1'], run), shown);
    assert.deepEqual(r.calls, [['platform-retention-show', { id: 'p1' }]]);
  });

  it('refuses a period that is not 1 to 3650 days, before running anything', async () => {
    for (const bad of ['0', '3651', '12.5', 'forever']) {
      const r = capture((run) => retentionCommand(['--id', 'p1', '--attendance-days', bad], run), shown);
      await assert.rejects(r, (err: unknown) => err instanceof CommandFailed && /--attendance-days must be a number of days from 1 to 3650/.test(err.message), bad);
    }
  });

  it('writes an export to --out readable by its owner only', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-gdpr-')), 'learner.json');
    const r = await capture((run) => gdprCommand('export', ['--platform', 'p1', '--user', 'u42', '--out', file], run), { format: 'amphi-learner-export' });
    assert.deepEqual(r.calls, [['gdpr-export', { platformId: 'p1', userSub: 'u42' }]]);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { format: 'amphi-learner-export' });
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('asks the server to erase only with --yes', async () => {
    await assert.rejects(capture((run) => gdprCommand('erase', ['--platform', 'p1', '--user', 'u42'], run), {}), CommandFailed);
    const r = await capture((run) => gdprCommand('erase', ['--platform', 'p1', '--user', 'u42', '--yes', '--json'], run), { platformId: 'p1', sub: 'u42', counts: {}, forwarded: [] });
    assert.deepEqual(r.calls, [['gdpr-erase', { platformId: 'p1', userSub: 'u42', confirm: true }]]);
  });
});
