import { parseArgs } from 'node:util';
import type { AdminCommandName } from '../../admin/admin-commands.js';
import { CommandFailed } from '../../cli/admin-client.js';
import type { BbbServerView } from './bbb-server.service.js';
import type { BbbTestResult } from './bbb-server-test.js';

type Run = (name: AdminCommandName, args?: unknown) => Promise<unknown>;

export const BBB_USAGE = [
  'Usage: amphi platform bbb <platform id>                      show its BigBlueButton server',
  '       amphi platform bbb <platform id> --url <url> --secret <secret>|- [--checksum sha1|sha256|sha384|sha512]',
  '       amphi platform bbb <platform id> test | remove',
].join('\n');

/** A wrong command line: main.ts prints its message (exit code 1). */
export class BbbUsageError extends CommandFailed {}

/**
 * `amphi platform bbb …`. The secret comes from --secret, from stdin with `--secret -`, or from
 * AMPHI_BBB_SECRET, so that it need not stay in the shell's history; it is never printed.
 */
export async function bbbServerCommand(argv: string[], run: Run, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, secret: { type: 'string' }, checksum: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [id, action, ...extra] = positionals;
  if (!id || extra.length > 0) throw new BbbUsageError(BBB_USAGE);
  const print = (value: unknown, text: () => string) => process.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
  if (action === undefined && values.url === undefined) {
    if (values.secret !== undefined || values.checksum !== undefined) throw new BbbUsageError(`--secret and --checksum go with --url.\n${BBB_USAGE}`);
    const view = (await run('platform-bbb-show', { id })) as BbbServerView;
    print(view, () => describe(view));
    return 0;
  }
  if (action === undefined) {
    const secret = values.secret === '-' ? await readStdin() : (values.secret ?? (env.AMPHI_BBB_SECRET || undefined));
    const view = (await run('platform-bbb-set', { id, url: values.url, secret, checksumAlgorithm: values.checksum })) as BbbServerView;
    print(view, () => `Saved.\n${describe(view)}\nCheck it: amphi platform bbb ${id} test`);
    return 0;
  }
  if (values.url !== undefined || values.secret !== undefined || values.checksum !== undefined) throw new BbbUsageError(BBB_USAGE);
  if (action === 'remove') {
    const { removed } = (await run('platform-bbb-remove', { id })) as { removed: boolean };
    print({ id, removed }, () =>
      removed ? `Removed the BigBlueButton server of platform ${id}: its classrooms cannot open until one is set again.` : `Platform ${id} had no BigBlueButton server.`,
    );
    return 0;
  }
  if (action === 'test') {
    const result = (await run('platform-bbb-test', { id })) as BbbTestResult & { message: string };
    if (values.json) print(result, () => '');
    else (result.ok ? process.stdout : process.stderr).write(`${result.message}\n`);
    return result.ok ? 0 : 1;
  }
  throw new BbbUsageError(BBB_USAGE);
}

function describe(v: BbbServerView): string {
  if (!v.configured) {
    return `Platform ${v.platformId} has no BigBlueButton server: its classrooms cannot open.\nSet one: amphi platform bbb ${v.platformId} --url https://bbb.example.org --secret -`;
  }
  return [
    `BigBlueButton server of platform ${v.platformId}`,
    `  API URL           ${v.url}`,
    `  checksum          ${v.checksumAlgorithm}`,
    `  secret            ${v.secretFingerprint ?? 'unreadable (set it again)'} (fingerprint; the secret itself is stored encrypted)`,
    `  updated           ${v.updatedAt}`,
    ...(v.secure ? [] : ['  warning           plain http: join links reach the browsers unencrypted; use https']),
  ].join('\n');
}

/** Piped (`… | amphi platform bbb … --secret -`): everything; typed at a terminal: one line, not echoed. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return readHiddenLine('Shared secret (not shown, then Enter): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

function readHiddenLine(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let line = '';
    const done = (finish: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      finish();
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(() => resolve(line.trim()));
        if (ch === '\u0003') return done(() => reject(new CommandFailed('Cancelled.')));
        if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1);
        else line += ch;
      }
    };
    stdin.on('data', onData);
  });
}
