import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { migrateToLatest } from '../db/migrate.js';
import { command, type AdminCommand } from './admin-command.js';
import { describeToolKeys, rotateToolKeys } from '../lti/keys/tool-key.service.js';
import { PlatformInput } from '../lti/platforms/platform.schemas.js';
import { platformsChanged } from '../lti/platforms/platform-cache.js';
import { addPlatform, getPlatformView, listPlatformViews, removePlatform, setAllowNewDeployments, setLrsIdentity } from '../lti/platforms/platform.service.js';
import { AppError } from '../http/errors.js';
import { CredentialFilter, CredentialInput, CredentialRef } from '../lrs/credentials/credential.schemas.js';
import { createCredential, listCredentials, revokeCredential } from '../lrs/credentials/credential.service.js';
import { forwardingBacklog, requeueFailedForwarding } from '../lrs/sinks/forwarding.service.js';
import { configuredSinks } from '../lrs/sinks/sink-config.js';
import { JOB_ADMIN_COMMANDS } from '../jobs/job.commands.js';
import { VIDEO_ADMIN_COMMANDS } from '../video/video.commands.js';
import { MEDIA_MIGRATE_ADMIN_COMMANDS } from '../video/media-migrate.commands.js';
import { CAPTIONS_ADMIN_COMMANDS } from '../captions/captions.commands.js';
import { ANALYTICS_ADMIN_COMMANDS } from '../analytics/analytics.commands.js';
import { BBB_ADMIN_COMMANDS } from '../classroom/servers/bbb-server.commands.js';
import { BBB_XAPI_ADMIN_COMMANDS } from '../classroom/bbb-xapi/bbb-xapi.commands.js';
import { REGISTRATION_ADMIN_COMMANDS } from '../lti/registration/registration-code.commands.js';
import { DEMO_ADMIN_COMMANDS } from '../demo/demo-command.js';
import { PRIVACY_ADMIN_COMMANDS } from '../privacy/privacy.commands.js';
import { auditAdminCommand } from '../privacy/admin-audit.js';

/** Every administration command (admin-command.ts says what one is): the core ones here, each feature's from its *.commands.ts. */

export const ADMIN_COMMANDS = {
  'platform-add': command(PlatformInput, async (ctx, args) => {
    const platform = await addPlatform(ctx.db, args, { allowNewDeployments: ctx.config.lti.newPlatformAllowsNewDeployments });
    platformsChanged(ctx);
    return platform;
  }),
  'platform-list': command(z.object({}), (ctx) => listPlatformViews(ctx.db)),
  'platform-remove': command(z.object({ id: z.string().min(1) }), async (ctx, { id }) => {
    const removed = await removePlatform(ctx.db, id);
    ctx.platformJwks.forget(removed.jwksUrl);
    platformsChanged(ctx);
    return removed;
  }),
  'platform-allow-new-deployments': command(z.object({ id: z.string().min(1), allow: z.boolean() }), async (ctx, { id, allow }) => {
    const platform = await setAllowNewDeployments(ctx.db, id, allow);
    platformsChanged(ctx);
    return platform;
  }),
  'platform-lrs-identity': command(z.object({ id: z.string().min(1), lrsIdentity: z.enum(['pseudonymous', 'email']) }), async (ctx, { id, lrsIdentity }) => {
    const platform = await setLrsIdentity(ctx.db, id, lrsIdentity);
    platformsChanged(ctx);
    return platform;
  }),
  'lrs-credentials-create': command(CredentialInput, async (ctx, args) => {
    const platform = await getPlatformView(ctx.db, args.platformId);
    const publicUrl = ctx.config.http.publicUrl;
    const name = args.name ?? `${platform.name} xAPI client`;
    const created = await createCredential(ctx.db, { platformId: platform.id, name, scopes: args.scopes, publicUrl });
    return { ...created, endpoint: `${publicUrl}/xapi/` };
  }),
  'lrs-credentials-list': command(CredentialFilter, async (ctx, { platformId }) => {
    if (platformId) await getPlatformView(ctx.db, platformId);
    return listCredentials(ctx.db, platformId);
  }),
  'lrs-credentials-revoke': command(CredentialRef, async (ctx, { idOrKey }) => {
    const revoked = await revokeCredential(ctx, idOrKey);
    if (!revoked) throw new AppError('unknown-lrs-credential', 404, { idOrKey });
    return revoked;
  }),
  'lrs-forwarding-status': command(z.object({}), async (ctx) => ({
    sinks: configuredSinks(ctx.config.lrsSinks),
    backlog: await forwardingBacklog(ctx.db),
  })),
  'lrs-forwarding-retry': command(z.object({ sink: z.enum(['elasticsearch', 'xapi']).optional() }), async (ctx, { sink }) => {
    const requeued = await requeueFailedForwarding(ctx.db, sink);
    ctx.lrsForwarding.wake();
    return { requeued };
  }),
  'keys-rotate': command(z.object({}), async (ctx) => {
    const result = await rotateToolKeys({ db: ctx.db, secrets: ctx.secrets, retentionDays: ctx.config.lti.keyRetentionDays });
    ctx.toolKeys.clear();
    return result;
  }),
  'keys-list': command(z.object({}), (ctx) => describeToolKeys(ctx.db)),
  migrate: command(z.object({}), async (ctx) => ({ applied: await migrateToLatest(ctx.db) })),
  ...JOB_ADMIN_COMMANDS,
  ...VIDEO_ADMIN_COMMANDS,
  ...MEDIA_MIGRATE_ADMIN_COMMANDS,
  ...CAPTIONS_ADMIN_COMMANDS,
  ...ANALYTICS_ADMIN_COMMANDS,
  ...BBB_ADMIN_COMMANDS,
  ...BBB_XAPI_ADMIN_COMMANDS,
  ...REGISTRATION_ADMIN_COMMANDS,
  ...DEMO_ADMIN_COMMANDS,
  ...PRIVACY_ADMIN_COMMANDS,
} satisfies Record<string, AdminCommand>;

export type AdminCommandName = keyof typeof ADMIN_COMMANDS;

export function isAdminCommandName(name: string): name is AdminCommandName {
  return Object.hasOwn(ADMIN_COMMANDS, name);
}

export async function runAdminCommand(ctx: AppContext, name: AdminCommandName, rawArgs: unknown): Promise<unknown> {
  const cmd: AdminCommand = ADMIN_COMMANDS[name];
  const args = cmd.args.parse(rawArgs);
  const result = await cmd.run(ctx, args);
  await auditAdminCommand(ctx, name, args, result);
  return result;
}
