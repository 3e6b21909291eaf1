#!/usr/bin/env node
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from '../config/config.js';
import { AppError } from '../http/errors.js';
import { translate } from '../http/messages.js';
// Errors the server answers for the CLI carry features' codes: their text must be here too.
import '../message-catalogs.js';
import { moodleEndpoints } from '../lti/platforms/platform.schemas.js';
import type { PlatformView } from '../lti/platforms/platform.service.js';
import type { CreatedCredential, CredentialView } from '../lrs/credentials/credential.service.js';
import { DataDirLockedError, readLockOwner } from '../db/data-dir-lock.js';
import { dataDirNotice, makeDataDirPrivate } from '../db/data-dir-permissions.js';
import { CommandFailed, executeAdminCommand } from './admin-client.js';
import { USAGE } from './usage.js';
import { jobsCommand } from './jobs-command.js';
import { workerCommand } from './worker-command.js';
import { formatBytes, parseUploadLimit } from '../video/byte-size.js';
import { bbbServerCommand } from '../classroom/servers/bbb-server.cli.js';
import { bbbXapiCommand } from '../classroom/bbb-xapi/bbb-xapi.cli.js';
import { registrationCommand } from '../lti/registration/registration.cli.js';
import { demoCommand } from '../demo/demo.cli.js';
import { mediaMigrateCommand } from '../video/media-migrate.cli.js';
import { auditCommand, gdprCommand, retentionCommand } from '../privacy/privacy.cli.js';

/** `amphi <group> <action> [options]`: settings come from the same environment as the server. */
export async function main(argv: string[]): Promise<number> {
  const [group, action, ...rest] = argv;
  if (!group || group === 'help' || group === '--help' || group === '-h') {
    process.stdout.write(USAGE);
    return group ? 0 : 64;
  }
  if (group === 'serve') {
    await import('../server.js').then((m) => m.main());
    return -1;
  }
  const config = loadConfig();
  // What this command writes (the database, keys, media) is this user's only; DATA_DIR too.
  const dataDirAccess = dataDirNotice(config.dataDir, makeDataDirPrivate(config.dataDir, { create: false }));
  if (dataDirAccess) process.stderr.write(`amphi: ${dataDirAccess}\n`);
  if (group === 'jobs') return jobsCommand(config, argv.slice(1));
  const run = (name: Parameters<typeof executeAdminCommand>[1], args: unknown = {}) => executeAdminCommand(config, name, args);
  // Options follow `demo` directly (amphi demo --reset); with the embedded database, say whether a server will show it.
  if (group === 'demo') return demoCommand(argv.slice(1), run, config.database.url ? undefined : !!readLockOwner(config.dataDir)?.adminUrl);
  const key = `${group} ${action ?? ''}`.trim();
  switch (key) {
    case 'platform add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          moodle: { type: 'string' },
          issuer: { type: 'string' },
          'client-id': { type: 'string' },
          'auth-login-url': { type: 'string' },
          'auth-token-url': { type: 'string' },
          'jwks-url': { type: 'string' },
          name: { type: 'string' },
          deployment: { type: 'string', multiple: true },
          'allow-new-deployments': { type: 'boolean' },
          json: { type: 'boolean' },
        },
      });
      const fromMoodle = values.moodle ? moodleEndpoints(values.moodle) : undefined;
      const platform = (await run('platform-add', {
        name: values.name,
        issuer: values.issuer ?? fromMoodle?.issuer,
        clientId: values['client-id'],
        authLoginUrl: values['auth-login-url'] ?? fromMoodle?.authLoginUrl,
        authTokenUrl: values['auth-token-url'] ?? fromMoodle?.authTokenUrl,
        jwksUrl: values['jwks-url'] ?? fromMoodle?.jwksUrl,
        deploymentIds: values.deployment ?? [],
        allowNewDeployments: values['allow-new-deployments'],
      })) as PlatformView;
      print(values.json, platform, () => `Registered platform ${platform.id}\n${describePlatform(platform)}`);
      return 0;
    }
    case 'platform list': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const platforms = (await run('platform-list')) as PlatformView[];
      print(values.json, platforms, () => (platforms.length ? platforms.map(describePlatform).join('\n\n') : 'No platform registered.'));
      return 0;
    }
    case 'platform remove': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      if (positionals.length !== 1) throw new CommandFailed('Usage: amphi platform remove <platform id> (see amphi platform list)');
      const removed = (await run('platform-remove', { id: positionals[0] })) as PlatformView;
      process.stdout.write(`Removed platform ${removed.id} (${removed.issuer}, client_id ${removed.clientId}) and everything launched from it.\n`);
      return 0;
    }
    case 'platform allow-new-deployments': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      const [id, flag] = positionals;
      if (!id || (flag !== 'on' && flag !== 'off')) throw new CommandFailed('Usage: amphi platform allow-new-deployments <platform id> on|off');
      const platform = (await run('platform-allow-new-deployments', { id, allow: flag === 'on' })) as PlatformView;
      process.stdout.write(describePlatform(platform) + '\n');
      return 0;
    }
    case 'platform lrs-identity': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      const [id, identity] = positionals;
      if (!id || (identity !== 'pseudonymous' && identity !== 'email')) throw new CommandFailed('Usage: amphi platform lrs-identity <platform id> pseudonymous|email');
      const platform = (await run('platform-lrs-identity', { id, lrsIdentity: identity })) as PlatformView;
      process.stdout.write(describePlatform(platform) + '\n');
      return 0;
    }
    case 'platform video-limit': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      const [id, value] = positionals;
      const bytes = value === undefined ? undefined : parseUploadLimit(value);
      if (!id || bytes === undefined) throw new CommandFailed('Usage: amphi platform video-limit <platform id> <size, e.g. 2GB>|default');
      const limit = (await run('platform-video-limit', { id, bytes })) as { maxUploadBytes: number; own: boolean };
      process.stdout.write(`Largest video upload on platform ${id}: ${formatBytes(limit.maxUploadBytes)}${limit.own ? '' : ' (the server default)'}.\n`);
      return 0;
    }
    case 'platform captions': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      const [id, mode] = positionals;
      if (!id || (mode !== 'auto' && mode !== 'manual')) throw new CommandFailed('Usage: amphi platform captions <platform id> auto|manual');
      const r = (await run('platform-captions', { id, auto: mode === 'auto' })) as { auto: boolean; lang: string; engine: string | null };
      const engine = r.engine ? ` (${r.lang}, ${r.engine})` : ` — but no speech engine is configured for ${r.lang} (CAPTIONS_AUTO_LANG): set VOSK_MODEL_${r.lang.toUpperCase()}`;
      process.stdout.write(r.auto ? `Platform ${id}: captions made automatically after each upload${engine}.\n` : `Platform ${id}: captions made only when a teacher asks.\n`);
      return 0;
    }
    case 'platform bbb':
      return bbbServerCommand(rest, run);
    case 'platform bbb-xapi':
      return bbbXapiCommand(rest, run);
    case 'platform retention':
      return retentionCommand(rest, run);
    case 'gdpr export':
    case 'gdpr erase':
      return gdprCommand(action, rest, run);
    case 'audit list':
      return auditCommand(action, rest, run);
    case 'registration open':
    case 'registration list':
    case 'registration close':
      return registrationCommand(action!, rest, run);
    case 'lrs credentials':
      return lrsCredentials(rest, run);
    case 'lrs forwarding':
      return lrsForwarding(rest, run);
    case 'analytics rebuild': {
      const { values } = parseArgs({ args: rest, options: { platform: { type: 'string' }, json: { type: 'boolean' } } });
      const outcomes = (await run('analytics-rebuild', { platformId: values.platform })) as { platformId: string; statements: number; lastSeq: string; seconds: number }[];
      if (values.json) process.stdout.write(JSON.stringify(outcomes, null, 2) + '\n');
      else for (const o of outcomes) process.stdout.write(`${o.platformId}: ${o.statements} statements counted again in ${o.seconds} s (up to seq ${o.lastSeq})\n`);
      return 0;
    }
    case 'worker':
      return workerCommand(config);
    case 'media migrate':
      return mediaMigrateCommand(config, rest);
    case 'keys rotate': {
      const result = (await run('keys-rotate')) as { kid: string; retiredUntil: string };
      process.stdout.write(`New signing key ${result.kid}. The previous key stays published until ${new Date(result.retiredUntil).toISOString()}.\n`);
      return 0;
    }
    case 'keys list': {
      const keys = (await run('keys-list')) as { kid: string; active: boolean; createdAt: string; expiresAt: string | null }[];
      for (const k of keys) process.stdout.write(`${k.kid}  ${k.active ? 'signing' : `retired, published until ${k.expiresAt}`}  created ${k.createdAt}\n`);
      return 0;
    }
    case 'migrate': {
      const { applied } = (await run('migrate')) as { applied: string[] };
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database schema is up to date.\n');
      return 0;
    }
    default:
      process.stderr.write(`Unknown command: amphi ${key}\n\n${USAGE}`);
      return 64;
  }
}

function describePlatform(p: PlatformView): string {
  return [
    `${p.name}  [${p.id}]${p.demo ? '  DEMO: amphi demo made it; it signs launches for anyone who reaches PUBLIC_URL/demo/' : ''}`,
    `  issuer            ${p.issuer}`,
    `  client_id         ${p.clientId}`,
    `  login URL         ${p.authLoginUrl}`,
    `  token URL         ${p.authTokenUrl}`,
    `  JWKS URL          ${p.jwksUrl}`,
    `  deployments       ${p.deploymentIds.join(', ') || '(none)'}${p.allowNewDeployments ? ' — new deployments accepted on first launch' : ''}`,
    `  xAPI actors       ${p.lrsIdentity === 'email' ? 'email (mbox and name when the platform sends them)' : 'pseudonymous (account: issuer and LTI user id)'}`,
    `  registered        ${p.registeredVia}, ${p.createdAt}`,
  ].join('\n');
}

/** `amphi lrs credentials create|list|revoke`: HTTP Basic credentials of the LRS at /xapi/. */
async function lrsCredentials(argv: string[], run: (name: Parameters<typeof executeAdminCommand>[1], args?: unknown) => Promise<unknown>): Promise<number> {
  const [action, ...rest] = argv;
  switch (action) {
    case 'create': {
      const { values } = parseArgs({
        args: rest,
        options: { platform: { type: 'string' }, scopes: { type: 'string', multiple: true }, name: { type: 'string' }, json: { type: 'boolean' } },
      });
      if (!values.platform || !values.scopes) throw new CommandFailed('Usage: amphi lrs credentials create --platform <id> --scopes statements/write,statements/read [--name <name>] [--json]');
      const scopes = values.scopes.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
      const created = (await run('lrs-credentials-create', { platformId: values.platform, name: values.name, scopes })) as CreatedCredential & { endpoint: string };
      print(values.json, created, () => describeCreatedCredential(created));
      return 0;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { platform: { type: 'string' }, json: { type: 'boolean' } } });
      const credentials = (await run('lrs-credentials-list', { platformId: values.platform })) as CredentialView[];
      print(values.json, credentials, () => (credentials.length ? credentials.map(describeCredential).join('\n\n') : 'No LRS credential.'));
      return 0;
    }
    case 'revoke': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      if (positionals.length !== 1) throw new CommandFailed('Usage: amphi lrs credentials revoke <credential id or key> (see amphi lrs credentials list)');
      const revoked = (await run('lrs-credentials-revoke', { idOrKey: positionals[0] })) as CredentialView;
      process.stdout.write(
        `Revoked LRS credential ${revoked.key} (${revoked.name}). Its requests are refused from now on ` +
          `(within 30 s on other Amphi processes sharing the database); statements it stored stay.\n`,
      );
      return 0;
    }
    default:
      process.stderr.write(`Unknown command: amphi lrs credentials ${action ?? ''}\n\n${USAGE}`);
      return 64;
  }
}

/** `amphi lrs forwarding status|retry`: the outbox towards Elasticsearch and another LRS. */
async function lrsForwarding(argv: string[], run: (name: Parameters<typeof executeAdminCommand>[1], args?: unknown) => Promise<unknown>): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'status') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    const status = (await run('lrs-forwarding-status')) as { sinks: string[]; backlog: { sink: string; status: string; count: number }[] };
    print(values.json, status, () => {
      if (status.sinks.length === 0) return 'No forwarding configured (LRS_ELASTICSEARCH_URL, LRS_FORWARD_URL).';
      return status.sinks
        .map((sink) => {
          const count = (state: string) => status.backlog.find((b) => b.sink === sink && b.status === state)?.count ?? 0;
          return `${sink.padEnd(14)} ${count('pending')} waiting, ${count('failed')} refused for good (amphi lrs forwarding retry)`;
        })
        .join('\n');
    });
    return 0;
  }
  if (action === 'retry') {
    const { values } = parseArgs({ args: rest, options: { sink: { type: 'string' } } });
    if (values.sink !== undefined && values.sink !== 'elasticsearch' && values.sink !== 'xapi') throw new CommandFailed('Usage: amphi lrs forwarding retry [--sink elasticsearch|xapi]');
    const { requeued } = (await run('lrs-forwarding-retry', { sink: values.sink })) as { requeued: number };
    process.stdout.write(`${requeued} refused statement(s) queued to be forwarded again.\n`);
    return 0;
  }
  process.stderr.write(`Unknown command: amphi lrs forwarding ${action ?? ''}\n\n${USAGE}`);
  return 64;
}

function describeCredential(c: CredentialView): string {
  return [
    `${c.name}  [${c.id}]`,
    `  platform          ${c.platformId}`,
    `  key               ${c.key}`,
    `  scopes            ${c.scopes.join(', ')}`,
    `  created           ${c.createdAt}, last used ${c.lastUsedAt ?? 'never'}`,
    ...(c.revokedAt ? [`  revoked           ${c.revokedAt}`] : []),
  ].join('\n');
}

function describeCreatedCredential(c: CreatedCredential & { endpoint: string }): string {
  const auth = `-u '${c.key}:${c.secret}' -H 'X-Experience-API-Version: 1.0.3'`;
  const reads = c.scopes.some((s) => s === 'all' || s === 'all/read' || s.startsWith('statements/read'));
  const example = reads
    ? `curl ${auth} '${c.endpoint}statements?limit=1'`
    : `curl ${auth} -H 'Content-Type: application/json' -d '{"actor":{"mbox":"mailto:test@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"id":"http://example.org/activities/amphi-test"}}' '${c.endpoint}statements'`;
  return [
    `Created LRS credential ${c.name}  [${c.id}] for platform ${c.platformId}`,
    `  endpoint          ${c.endpoint}`,
    `  key               ${c.key}`,
    `  secret            ${c.secret}`,
    `  scopes            ${c.scopes.join(', ')}`,
    'The secret is shown only now: copy it into the LRS client (HTTP Basic: key as user name, secret as password). Try it:',
    `  ${example}`,
  ].join('\n');
}

function print(json: boolean | undefined, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export function explain(err: unknown): string {
  if (err instanceof ConfigError || err instanceof CommandFailed || err instanceof DataDirLockedError) return err.message;
  if (err instanceof ZodError) return `Invalid arguments:\n${err.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`;
  if (err instanceof AppError) return translate('en', err.code, err.params);
  if (err instanceof TypeError && /parseArgs|ERR_PARSE_ARGS/.test(String((err as { code?: string }).code))) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Whether this file is the program (`amphi`, through any symlink, or `node dist/cli/main.js`), not a module another imported. */
function isProgram(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

// Imported (the tests' CLI host runs many commands in one process), it only exports main and explain.
if (isProgram()) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      process.stderr.write(`amphi: ${explain(err)}\n`);
      process.exit(1);
    },
  );
}
