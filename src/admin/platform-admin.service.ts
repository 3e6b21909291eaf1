import type { AppContext } from '../app-context.js';
import { AppError, NotFoundError } from '../http/errors.js';
import { cancelJob, listJobs, retryJob, type JobStatus } from '../jobs/job.service.js';
import { getPlatformView, type PlatformView } from '../lti/platforms/platform.service.js';
import { listCredentials, revokeCredential, type CreatedCredential, type CredentialView } from '../lrs/credentials/credential.service.js';
import { platformForwardingStatus, requeueFailedForwarding, type SinkName } from '../lrs/sinks/forwarding.service.js';
import { recordAudit } from '../privacy/audit-log.service.js';
import { maxUploadBytes } from '../video/video.service.js';
import { ADMIN_COMMANDS } from './admin-commands.js';
import { toAdminJob, toPlatformSettings, type AdminJob, type PlatformSettings } from './platform-admin.view.js';

/**
 * The administration page's actions, for the session's own platform only (`platformId` always
 * comes from the launch session, never from the request). The rules live where the CLI finds
 * them: the admin commands and the services they call; this file only scopes them to a tenant.
 */

/** Who changed what, for every change made from the page. */
export interface AdminActor {
  platformId: string;
  userId: string | null;
}

/**
 * Every change made from the page goes to the audit log, as the CLI's do (actor `lti:<user id>`).
 * Written after the change succeeded; a failed write is logged, not thrown: the change is done.
 */
async function auditChange(ctx: AppContext, actor: AdminActor, action: string, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
  try {
    await recordAudit(ctx.db, { actor: `lti:${actor.userId ?? 'unknown'}`, platformId: actor.platformId, action, target, details: { via: 'admin-page', ...details } });
  } catch (err) {
    ctx.logger.error({ err, action }, 'audit log write failed');
  }
}

export async function getPlatformSettings(ctx: AppContext, platformId: string): Promise<PlatformSettings> {
  const platform = await getPlatformView(ctx.db, platformId);
  return toPlatformSettings(platform, await maxUploadBytes(ctx, platformId), ctx.config.video.maxUploadBytes);
}

export async function setDeploymentsPolicy(ctx: AppContext, actor: AdminActor, allow: boolean): Promise<PlatformSettings> {
  await ADMIN_COMMANDS['platform-allow-new-deployments'].run(ctx, { id: actor.platformId, allow });
  await auditChange(ctx, actor, 'platform-allow-new-deployments', null, { allow });
  return getPlatformSettings(ctx, actor.platformId);
}

export async function setPlatformLrsIdentity(ctx: AppContext, actor: AdminActor, lrsIdentity: PlatformView['lrsIdentity']): Promise<PlatformSettings> {
  await ADMIN_COMMANDS['platform-lrs-identity'].run(ctx, { id: actor.platformId, lrsIdentity });
  await auditChange(ctx, actor, 'platform-lrs-identity', null, { lrsIdentity });
  return getPlatformSettings(ctx, actor.platformId);
}

/** `bytes` null: back to the server's limit. */
export async function setUploadLimit(ctx: AppContext, actor: AdminActor, bytes: number | null): Promise<PlatformSettings> {
  await ADMIN_COMMANDS['platform-video-limit'].run(ctx, { id: actor.platformId, bytes });
  await auditChange(ctx, actor, 'platform-video-limit', null, { bytes });
  return getPlatformSettings(ctx, actor.platformId);
}

export function listPlatformCredentials(ctx: AppContext, platformId: string): Promise<CredentialView[]> {
  return listCredentials(ctx.db, platformId);
}

/** The CLI's command makes it (default name, endpoint): its answer, typed. */
type NewCredential = CreatedCredential & { endpoint: string };

export async function createPlatformCredential(ctx: AppContext, actor: AdminActor, input: { name?: string | undefined; scopes: CredentialView['scopes'] }): Promise<NewCredential> {
  const created = (await ADMIN_COMMANDS['lrs-credentials-create'].run(ctx, { platformId: actor.platformId, ...input })) as NewCredential;
  await auditChange(ctx, actor, 'lrs-credentials-create', created.key, { name: created.name, scopes: created.scopes });
  return created;
}

/** Another platform's credential is as unknown as one that never existed. */
export async function revokePlatformCredential(ctx: AppContext, actor: AdminActor, idOrKey: string): Promise<CredentialView> {
  const own = (await listCredentials(ctx.db, actor.platformId)).find((c) => (c.id === idOrKey || c.key === idOrKey) && c.revokedAt === null);
  if (!own) throw new AppError('unknown-lrs-credential', 404, { idOrKey });
  const revoked = await revokeCredential(ctx, own.id);
  if (!revoked) throw new AppError('unknown-lrs-credential', 404, { idOrKey });
  await auditChange(ctx, actor, 'lrs-credentials-revoke', own.key);
  return revoked;
}

export function getForwardingStatus(ctx: AppContext, platformId: string) {
  return platformForwardingStatus(ctx.db, ctx, platformId);
}

export async function requeuePlatformForwarding(ctx: AppContext, actor: AdminActor, sink: SinkName | undefined): Promise<{ requeued: number }> {
  const requeued = await requeueFailedForwarding(ctx.db, sink, actor.platformId);
  ctx.lrsForwarding.wake();
  await auditChange(ctx, actor, 'lrs-forwarding-retry', sink ?? null, { requeued });
  return { requeued };
}

export async function listPlatformJobs(ctx: AppContext, platformId: string, q: { status?: JobStatus | undefined; limit?: number | undefined }): Promise<AdminJob[]> {
  return (await listJobs(ctx.db, { platformId, ...(q.status ? { status: q.status } : {}), ...(q.limit ? { limit: q.limit } : {}) })).map(toAdminJob);
}

/** Only a failed or cancelled job of this platform can be retried; anything else is not found. */
export async function retryPlatformJob(ctx: AppContext, actor: AdminActor, jobId: string): Promise<{ requeued: true }> {
  if (!(await retryJob(ctx, jobId, actor.platformId))) throw new NotFoundError({ what: 'retryable job', id: jobId });
  await auditChange(ctx, actor, 'jobs-retry', jobId);
  return { requeued: true };
}

/** Only a queued or running job of this platform can be cancelled; anything else is not found. */
export async function cancelPlatformJob(ctx: AppContext, actor: AdminActor, jobId: string): Promise<{ cancelled: true }> {
  if (!(await cancelJob(ctx, jobId, actor.platformId))) throw new NotFoundError({ what: 'cancellable job', id: jobId });
  await auditChange(ctx, actor, 'jobs-cancel', jobId);
  return { cancelled: true };
}
