import { parseArgs } from 'node:util';
import type { AdminCommandName } from '../../admin/admin-commands.js';
import { CommandFailed } from '../../cli/admin-client.js';
import { MAX_REGISTRATION_CODE_TTL_SECONDS } from './registration-code.commands.js';
import type { OpenedRegistrationCode, RegistrationCodeView } from './registration-code.service.js';

type Run = (name: AdminCommandName, args?: unknown) => Promise<unknown>;

export const REGISTRATION_USAGE = [
  'Usage: amphi registration open [--ttl 1h] [--note <text>] [--json]   a single-use registration URL for one Moodle',
  '       amphi registration list [--json]',
  '       amphi registration close <code or id>',
].join('\n');

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `30m`, `1h`, `7d` → seconds; undefined when it is not such a duration. */
export function parseTtl(value: string): number | undefined {
  const match = /^(\d{1,7})([smhd])$/.exec(value.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}

/** `amphi registration open|list|close`: the operator's one-time codes for dynamic registration. */
export async function registrationCommand(action: string, argv: string[], run: Run): Promise<number> {
  if (action === 'open') {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ttl: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } } });
    const ttlSeconds = values.ttl === undefined ? undefined : parseTtl(values.ttl);
    if (positionals.length || (values.ttl !== undefined && (ttlSeconds === undefined || ttlSeconds < 60 || ttlSeconds > MAX_REGISTRATION_CODE_TTL_SECONDS))) {
      throw new CommandFailed(`--ttl takes a duration from 1m to 30d, e.g. 30m, 1h, 7d.\n${REGISTRATION_USAGE}`);
    }
    const opened = (await run('registration-open', { ttlSeconds, note: values.note })) as OpenedRegistrationCode;
    process.stdout.write(values.json ? `${JSON.stringify(opened, null, 2)}\n` : `${describeOpened(opened)}\n`);
    return 0;
  }
  if (action === 'list') {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
    const codes = (await run('registration-list')) as RegistrationCodeView[];
    process.stdout.write(values.json ? `${JSON.stringify(codes, null, 2)}\n` : `${codes.length ? codes.map(describe).join('\n') : 'No registration code.'}\n`);
    return 0;
  }
  if (action === 'close') {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true });
    if (positionals.length !== 1) throw new CommandFailed(REGISTRATION_USAGE);
    const closed = (await run('registration-close', { codeOrId: positionals[0] })) as RegistrationCodeView;
    process.stdout.write(`Closed registration code ${closed.id}: its URL registers nothing from now on.\n`);
    return 0;
  }
  throw new CommandFailed(REGISTRATION_USAGE);
}

function describeOpened(c: OpenedRegistrationCode): string {
  const modeNote =
    c.mode === 'open'
      ? ['Note: LTI_DYNAMIC_REGISTRATION=open on this server: any /lti/register URL registers a platform, with or without a code.']
      : c.mode === 'closed'
        ? ['Warning: LTI_DYNAMIC_REGISTRATION=closed on this server: every registration is refused, this one too.']
        : [];
  return [
    `Registration URL, for one Moodle, usable until ${c.expiresAt}:`,
    `  ${c.url}`,
    'Give it to the Moodle administrator: Site administration › Plugins › External tool › Manage tools,',
    'paste it as the tool URL and press “Add LTI Advantage”. The first successful registration spends it.',
    `It is shown only now. Withdraw it with: amphi registration close ${c.id}`,
    ...modeNote,
  ].join('\n');
}

function describe(c: RegistrationCodeView): string {
  const detail = {
    open: `open until ${c.expiresAt}`,
    used: `used ${c.usedAt}${c.platformId ? ` by platform ${c.platformId}` : ' (platform since removed)'}`,
    expired: `expired ${c.expiresAt}`,
    closed: `closed ${c.closedAt}`,
  }[c.state];
  return `${c.id}  ${c.state.padEnd(7)}  created ${c.createdAt}  ${detail}${c.note ? `  — ${c.note}` : ''}`;
}
