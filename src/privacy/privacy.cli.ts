import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { AuditRecord } from './audit-log.service.js';
import type { LearnerErasure } from './privacy.service.js';
import type { PlatformRetention, RetentionKey } from './retention.service.js';

/** The admin commands this file runs (privacy.commands.ts), through main.ts's runner: here or via the server. */
type Run = (name: 'gdpr-export' | 'gdpr-erase' | 'platform-retention' | 'platform-retention-show' | 'audit-list', args?: unknown) => Promise<unknown>;

/** A wrong command line: main.ts prints the message and exits with 1. */
export class CommandFailed extends Error {}

export const GDPR_USAGE = [
  'Usage: amphi gdpr export --platform <id> --user <LTI sub> [--out <file>]',
  '       amphi gdpr erase --platform <id> --user <LTI sub> --yes [--json]',
].join('\n');
export const RETENTION_USAGE =
  'Usage: amphi platform retention --id <platform id> [--statements-days N|default] [--video-views-days N|default] [--attendance-days N|default] [--launch-logs-days N|default] [--json]';
export const AUDIT_USAGE = 'Usage: amphi audit list [--platform <id>] [--limit N] [--json]';

/** `amphi gdpr export|erase`: one learner's data, on request (docs/data-protection.md). */
export async function gdprCommand(action: string | undefined, argv: string[], run: Run): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { platform: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if ((action !== 'export' && action !== 'erase') || !values.platform || !values.user) throw new CommandFailed(GDPR_USAGE);
  const learner = { platformId: values.platform, userSub: values.user };
  if (action === 'export') {
    const data = await run('gdpr-export', learner);
    const text = `${JSON.stringify(data, null, 2)}\n`;
    if (!values.out) process.stdout.write(text);
    else {
      // The file holds a person's data: readable by this account only.
      fs.writeFileSync(values.out, text, { mode: 0o600 });
      process.stderr.write(`Wrote the data of ${values.user} on platform ${values.platform} to ${values.out}.\n`);
    }
    return 0;
  }
  if (!values.yes) throw new CommandFailed(`Erasure deletes this learner’s data for good: add --yes to confirm.\n${GDPR_USAGE}`);
  const erased = (await run('gdpr-erase', { ...learner, confirm: true })) as LearnerErasure;
  if (values.json) process.stdout.write(`${JSON.stringify(erased, null, 2)}\n`);
  else process.stdout.write(`${describeErasure(erased)}\n`);
  return 0;
}

export function describeErasure(e: LearnerErasure): string {
  const lines = [`Erased the data of ${e.sub} on platform ${e.platformId}:`];
  for (const [table, n] of Object.entries(e.counts)) lines.push(`  ${table.padEnd(30)} ${n}`);
  const sent = e.forwarded.filter((f) => f.statementIds.length > 0);
  if (e.forwarded.length === 0) lines.push('No forwarding is configured: no copy of the statements exists outside Amphi.');
  for (const f of e.forwarded) {
    lines.push(`Forwarded to ${f.sink} (${f.destination}): ${f.statementIds.length} statement(s)${f.statementIds.length ? ' to erase there too:' : '.'}`);
    for (const id of f.statementIds) lines.push(`  ${id}`);
  }
  if (sent.length) lines.push('Amphi cannot erase these copies itself: delete them in each system listed (statement ids above).');
  lines.push('Backups made before now still hold this data until they expire (docs/data-protection.md).');
  return lines.join('\n');
}

const RETENTION_OPTIONS: Record<string, RetentionKey> = {
  'statements-days': 'statementsDays',
  'video-views-days': 'videoViewsDays',
  'attendance-days': 'attendanceDays',
  'launch-logs-days': 'launchLogsDays',
};

/** `amphi platform retention --id ID [...]`: shows a platform's retention periods, or sets some. */
export async function retentionCommand(argv: string[], run: Run): Promise<number> {
  const options = Object.fromEntries(Object.keys(RETENTION_OPTIONS).map((k) => [k, { type: 'string' as const }]));
  const { values } = parseArgs({ args: argv, options: { id: { type: 'string' }, json: { type: 'boolean' }, ...options } });
  const v = values as Record<string, string | boolean | undefined>;
  if (typeof v.id !== 'string' || !v.id) throw new CommandFailed(RETENTION_USAGE);
  const changes: Partial<Record<RetentionKey, number | null>> = {};
  for (const [option, key] of Object.entries(RETENTION_OPTIONS)) {
    const value = v[option];
    if (typeof value !== 'string') continue;
    if (value === 'default') changes[key] = null;
    else if (/^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= 3650) changes[key] = Number(value);
    else throw new CommandFailed(`--${option} must be a number of days from 1 to 3650, or default (got ${JSON.stringify(value)}).\n${RETENTION_USAGE}`);
  }
  const changing = Object.keys(changes).length > 0;
  const r = (await run(changing ? 'platform-retention' : 'platform-retention-show', changing ? { id: v.id, ...changes } : { id: v.id })) as PlatformRetention;
  if (v.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    const lines = [`Retention on platform ${r.platformId}${changing ? ' (updated)' : ''}:`];
    for (const [option, key] of Object.entries(RETENTION_OPTIONS)) {
      lines.push(`  ${option.padEnd(18)} ${String(r.periods[key]).padStart(5)} days${r.own[key] === undefined ? ' (the server default)' : ''}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return 0;
}

/** `amphi audit list`: the administrative actions, newest first. */
export async function auditCommand(action: string | undefined, argv: string[], run: Run): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { platform: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } } });
  if (action !== 'list') throw new CommandFailed(AUDIT_USAGE);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 10_000)) throw new CommandFailed(`--limit must be a whole number from 1 to 10000.\n${AUDIT_USAGE}`);
  const rows = (await run('audit-list', { platformId: values.platform, limit })) as AuditRecord[];
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) process.stdout.write('No administrative action recorded.\n');
  else {
    for (const r of rows) {
      const at = new Date(r.at).toISOString();
      process.stdout.write(`${at}  ${r.actor.padEnd(16)} ${r.action.padEnd(24)} ${r.platformId ?? '-'}${r.target ? `  ${r.target}` : ''}  ${JSON.stringify(r.details)}\n`);
    }
  }
  return 0;
}
