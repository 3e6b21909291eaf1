import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bbbXapiCommand } from '../../../../src/classroom/bbb-xapi/bbb-xapi.cli.js';

/** `amphi platform bbb-xapi …`: words to admin commands, without a process (a CLI process costs ~2.7 s). */
describe('amphi platform bbb-xapi', () => {
  async function runCli(argv: string[]) {
    const calls: [string, unknown][] = [];
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      const code = await bbbXapiCommand(argv, async (name, args) => {
        calls.push([name, args]);
        return name === 'platform-bbb-xapi-disable' ? { enabled: false, lrsEndpoint: null, payload: null, createdAt: null } : { enabled: true, lrsEndpoint: 'https://amphi.example/', payload: 'U2FsdGVkX1+abc=', createdAt: '2026-12-07T20:00:00.000Z' };
      });
      return { code, calls, out: out.join('') };
    } finally {
      process.stdout.write = write;
    }
  }

  it('maps each action to its command; rotate is enable', async () => {
    for (const [action, name] of [['show', 'platform-bbb-xapi-show'], ['enable', 'platform-bbb-xapi-enable'], ['rotate', 'platform-bbb-xapi-enable'], ['disable', 'platform-bbb-xapi-disable']]) {
      const r = await runCli([action!, '--id', 'p1']);
      assert.equal(r.code, 0);
      assert.deepEqual(r.calls, [[name, { id: 'p1' }]]);
    }
    assert.match((await runCli(['show', '--id', 'p1'])).out, /U2FsdGVkX1\+abc=/);
    assert.match((await runCli(['disable', '--id', 'p1'])).out, /off for platform p1/);
    assert.deepEqual(JSON.parse((await runCli(['show', '--id', 'p1', '--json'])).out).enabled, true);
  });

  it('refuses a wrong command line with the usage, calling nothing', async () => {
    for (const argv of [['show'], ['bogus', '--id', 'p1'], ['--id', 'p1'], ['show', 'extra', '--id', 'p1']]) {
      await assert.rejects(runCli(argv), /Usage: amphi platform bbb-xapi/, argv.join(' '));
    }
  });
});
