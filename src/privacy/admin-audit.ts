import type { AppContext } from '../app-context.js';
import { cliActor, recordAudit } from './audit-log.service.js';

/** Commands that only read: not administrative actions. A learner's export is audited: it discloses their data. */
const READ_ONLY = /-(list|show|status|test)$/;

/**
 * Records an admin command that ran (admin-commands.ts runAdminCommand, the one place every CLI
 * command runs, on the CLI's own database or through the server). A failure to write the record
 * is logged, not thrown: the action itself is done and reporting it as failed would mislead.
 */
export async function auditAdminCommand(ctx: AppContext, name: string, args: unknown, result: unknown): Promise<void> {
  if (READ_ONLY.test(name)) return;
  const a = (args && typeof args === 'object' ? args : {}) as Record<string, unknown>;
  const r = (result && typeof result === 'object' ? result : {}) as Record<string, unknown>;
  const platformScoped = name.startsWith('platform-');
  const platformId = text(a.platformId) ?? (platformScoped ? text(a.id) ?? text(r.id) : undefined) ?? text(r.platformId);
  const target = text(a.userSub) ?? text(a.idOrKey) ?? (platformScoped ? undefined : text(a.id));
  try {
    await recordAudit(ctx.db, { actor: cliActor(), platformId, action: name, target, details: a });
  } catch (err) {
    ctx.logger.error({ err, action: name }, 'audit log write failed');
  }
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}
