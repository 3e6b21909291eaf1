#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from '../config/config.js';
import { AppError } from '../http/errors.js';
import { translate } from '../http/messages.js';
import { moodleEndpoints } from '../lti/platforms/platform.schemas.js';
import type { PlatformView } from '../lti/platforms/platform.service.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { CommandFailed, executeAdminCommand } from './admin-client.js';
import { USAGE } from './usage.js';

/** `amphi <group> <action> [options]`: settings come from the same environment as the server. */
async function main(argv: string[]): Promise<number> {
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
  const run = (name: Parameters<typeof executeAdminCommand>[1], args: unknown = {}) => executeAdminCommand(config, name, args);
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
    `${p.name}  [${p.id}]`,
    `  issuer            ${p.issuer}`,
    `  client_id         ${p.clientId}`,
    `  login URL         ${p.authLoginUrl}`,
    `  token URL         ${p.authTokenUrl}`,
    `  JWKS URL          ${p.jwksUrl}`,
    `  deployments       ${p.deploymentIds.join(', ') || '(none)'}${p.allowNewDeployments ? ' — new deployments accepted on first launch' : ''}`,
    `  registered        ${p.registeredVia}, ${p.createdAt}`,
  ].join('\n');
}

function print(json: boolean | undefined, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

function explain(err: unknown): string {
  if (err instanceof ConfigError || err instanceof CommandFailed || err instanceof DataDirLockedError) return err.message;
  if (err instanceof ZodError) return `Invalid arguments:\n${err.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`;
  if (err instanceof AppError) return translate('en', err.code, err.params);
  if (err instanceof TypeError && /parseArgs|ERR_PARSE_ARGS/.test(String((err as { code?: string }).code))) return err.message;
  return err instanceof Error ? err.message : String(err);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`amphi: ${explain(err)}\n`);
    process.exit(1);
  },
);
