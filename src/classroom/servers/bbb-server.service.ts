import crypto from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { getPlatformView } from '../../lti/platforms/platform.service.js';
import { BbbClient } from '../bbb/bbb-client.js';
import type { BbbApi, BbbServerConfig, ChecksumAlgorithm } from '../bbb/bbb.types.js';
import type { BbbServerConfiguredBy, BbbServerRow } from '../classroom.table.js';
import { isSecureBbbUrl, normaliseBbbUrl } from './bbb-server-url.js';
import { deleteBbbServer, findBbbServer, saveBbbServer } from './bbb-server.repository.js';
import { SECRET_MAX, SECRET_MIN } from './bbb-server.schemas.js';
import { testBbbConnection, type BbbTestResult } from './bbb-server-test.js';

/**
 * Each platform's BigBlueButton (or Scalelite) server: URL, shared secret sealed with the
 * SecretBox, checksum algorithm. The secret never leaves this file in clear except towards the
 * BBB client and the callback checks (bbbSecretFor); views carry a fingerprint instead.
 *
 * Who set the server decides how far its URL is trusted (DESIGN.md, "Trust boundaries"): one the
 * operator set with the CLI may be anywhere; one a platform administrator set on the admin page
 * came through the web and gets the outbound client's address rules (OUTBOUND_ALLOW opens one).
 */

/** Who is asking: the operator (CLI) or a platform administrator (the admin page). */
export type BbbServerActor = BbbServerConfiguredBy;

/** What administrators see (the admin page, `amphi platform bbb`): never the secret. */
export interface BbbServerView {
  platformId: string;
  configured: boolean;
  url: string | null;
  checksumAlgorithm: ChecksumAlgorithm | null;
  /** `sha256:` and the first 8 hex digits of the secret's SHA-256: enough to tell two secrets apart, useless to guess one. */
  secretFingerprint: string | null;
  /** https (or loopback): join URLs reach the browsers over TLS. */
  secure: boolean | null;
  updatedAt: string | null;
}

export interface BbbServerChange {
  url: string;
  /** Undefined: keep the stored secret. */
  secret?: string | undefined;
  /** Undefined: keep the stored algorithm (sha256 for a new server). */
  checksumAlgorithm?: ChecksumAlgorithm | undefined;
}

export async function getBbbServerView(ctx: AppContext, platformId: string): Promise<BbbServerView> {
  await getPlatformView(ctx.db, platformId);
  return toView(ctx, platformId, await findBbbServer(ctx.db, platformId));
}

export async function setBbbServer(
  ctx: AppContext,
  platformId: string,
  change: BbbServerChange,
  updatedBy: string | null,
  actor: BbbServerActor,
): Promise<BbbServerView> {
  await getPlatformView(ctx.db, platformId);
  const url = normaliseBbbUrl(change.url);
  if (change.secret !== undefined) checkSecret(change.secret);
  const current = await findBbbServer(ctx.db, platformId);
  if (!current && change.secret === undefined) throw new AppError('bbb-server-secret-required', 400);
  // The stored secret never follows the server to another host: its checksums could be replayed there.
  if (current && change.secret === undefined && !sameOrigin(current.url, url)) throw new AppError('bbb-server-secret-required', 400);
  const row = await saveBbbServer(ctx.db, {
    platformId,
    url,
    secretEncrypted: change.secret === undefined ? undefined : ctx.secrets.encrypt(change.secret),
    checksumAlgorithm: change.checksumAlgorithm ?? current?.checksum_algorithm ?? 'sha256',
    updatedBy,
    configuredBy: configuredByAfter(actor, current, url),
  });
  if (!row) throw new AppError('bbb-server-secret-required', 400);
  forget(ctx, platformId);
  ctx.logger.info({ platformId, url, checksumAlgorithm: row.checksum_algorithm, secretChanged: change.secret !== undefined, configuredBy: row.configured_by }, 'BigBlueButton server set');
  return toView(ctx, platformId, row);
}

/** False when the platform had none. */
export async function removeBbbServer(ctx: AppContext, platformId: string): Promise<boolean> {
  await getPlatformView(ctx.db, platformId);
  const removed = await deleteBbbServer(ctx.db, platformId);
  forget(ctx, platformId);
  if (removed) ctx.logger.info({ platformId }, 'BigBlueButton server removed');
  return removed;
}

/**
 * Calls the server as Amphi will: the stored settings, or `candidate` (the admin form before
 * saving; its secret defaults to the stored one), with the trust it would be saved with. A
 * failed test is an answer, not an error.
 */
export async function testBbbServer(
  ctx: AppContext,
  platformId: string,
  candidate: { url?: string | undefined; secret?: string | undefined; checksumAlgorithm?: ChecksumAlgorithm | undefined },
  actor: BbbServerActor,
): Promise<BbbTestResult> {
  await getPlatformView(ctx.db, platformId);
  const stored = await storedConfig(ctx, platformId);
  let config: BbbServerConfig;
  if (candidate.url !== undefined) {
    const url = normaliseBbbUrl(candidate.url);
    // A signed call to another host with the stored secret would hand that host a replayable checksum.
    const secret = candidate.secret ?? (stored && sameOrigin(stored.url, url) ? stored.secret : undefined);
    if (secret === undefined) throw new AppError('bbb-server-secret-required', 400);
    if (candidate.secret !== undefined) checkSecret(candidate.secret);
    const checksumAlgorithm = candidate.checksumAlgorithm ?? stored?.checksumAlgorithm ?? 'sha256';
    const trust = trustOf(configuredByAfter(actor, stored && { url: stored.url, configured_by: stored.configuredBy }, url));
    config = { url, secret, checksumAlgorithm, timeoutMs: ctx.config.classroom.bbbTimeoutMs, trust };
  } else {
    if (!stored) throw new AppError('bbb-not-configured', 409);
    if (candidate.secret !== undefined) checkSecret(candidate.secret);
    config = { ...stored, ...(candidate.secret ? { secret: candidate.secret } : {}), ...(candidate.checksumAlgorithm ? { checksumAlgorithm: candidate.checksumAlgorithm } : {}) };
  }
  return testBbbConnection(new BbbClient(config, { outbound: ctx.outbound, logger: ctx.logger.child({ feature: 'bbb', platformId }), metrics: ctx.metrics }), config.checksumAlgorithm);
}

/** The platform's BBB API, or 'bbb-not-configured' (409) with a sentence for the teacher. */
export async function bbbApiFor(ctx: AppContext, platformId: string): Promise<BbbApi> {
  const config = await storedConfig(ctx, platformId);
  if (!config) throw new AppError('bbb-not-configured', 409);
  return new BbbClient(config, { outbound: ctx.outbound, logger: ctx.logger.child({ feature: 'bbb', platformId }), metrics: ctx.metrics });
}

/**
 * Whether classrooms can open at all: pages say so before any click (teachers whom to ask,
 * learners only that the classroom is not available yet). A stored secret that no longer
 * unseals still counts as set: that is the operator's fault to fix, not a missing setting.
 */
export async function isBbbServerConfigured(ctx: AppContext, platformId: string): Promise<boolean> {
  try {
    return (await storedConfig(ctx, platformId)) !== undefined;
  } catch (err) {
    if (err instanceof AppError && err.code === 'bbb-server-secret-unreadable') return true;
    throw err;
  }
}

/**
 * Where the platform's recordings may be downloaded from: its BBB server's origin (scheme, host,
 * port) and the trust the server was set with; 'bbb-not-configured' (409) when none is set.
 */
export async function bbbRecordingSourceFor(ctx: AppContext, platformId: string): Promise<{ origin: string; trust: BbbServerConfig['trust'] }> {
  const config = await storedConfig(ctx, platformId);
  if (!config) throw new AppError('bbb-not-configured', 409);
  return { origin: new URL(config.url).origin, trust: config.trust };
}

/** The platform's shared secret in clear (callback JWTs are signed with it), or undefined when none is set. */
export async function bbbSecretFor(ctx: AppContext, platformId: string): Promise<string | undefined> {
  return (await storedConfig(ctx, platformId))?.secret;
}

function checkSecret(secret: string): void {
  if (secret.length < SECRET_MIN || secret.length > SECRET_MAX || /\s/.test(secret)) {
    throw new AppError('bbb-server-secret-invalid', 400, { min: SECRET_MIN, max: SECRET_MAX });
  }
}

export function secretFingerprint(secret: string): string {
  return `sha256:${crypto.createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8)}`;
}

function toView(ctx: AppContext, platformId: string, row: BbbServerRow | undefined): BbbServerView {
  if (!row) return { platformId, configured: false, url: null, checksumAlgorithm: null, secretFingerprint: null, secure: null, updatedAt: null };
  return {
    platformId,
    configured: true,
    url: row.url,
    checksumAlgorithm: row.checksum_algorithm,
    secretFingerprint: fingerprintOf(ctx, row),
    secure: isSecureBbbUrl(row.url),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function fingerprintOf(ctx: AppContext, row: BbbServerRow): string | null {
  try {
    return secretFingerprint(ctx.secrets.decrypt(row.secret_encrypted));
  } catch {
    return null;
  }
}

/**
 * The decrypted settings, kept a few seconds per context: a classroom's first minute can bring
 * hundreds of joins, each needing the client. Changes made in this process apply at once
 * (forget); another process sharing the database sees them within CACHE_MS.
 */
const CACHE_MS = 5000;
type StoredConfig = BbbServerConfig & { configuredBy: BbbServerConfiguredBy };
const cache = new WeakMap<AppContext, Map<string, { config: StoredConfig | undefined; until: number }>>();

async function storedConfig(ctx: AppContext, platformId: string): Promise<StoredConfig | undefined> {
  let entries = cache.get(ctx);
  if (!entries) cache.set(ctx, (entries = new Map()));
  const hit = entries.get(platformId);
  if (hit && hit.until > Date.now()) return hit.config;
  const row = await findBbbServer(ctx.db, platformId);
  const config = row && {
    url: row.url,
    secret: unseal(ctx, row),
    checksumAlgorithm: row.checksum_algorithm,
    timeoutMs: ctx.config.classroom.bbbTimeoutMs,
    trust: trustOf(row.configured_by),
    configuredBy: row.configured_by,
  };
  entries.set(platformId, { config, until: Date.now() + CACHE_MS });
  return config;
}

function unseal(ctx: AppContext, row: BbbServerRow): string {
  try {
    return ctx.secrets.decrypt(row.secret_encrypted);
  } catch (err) {
    throw new AppError('bbb-server-secret-unreadable', 409, { platformId: row.platform_id }, { cause: err });
  }
}

function forget(ctx: AppContext, platformId: string): void {
  cache.get(ctx)?.delete(platformId);
}

/**
 * The operator's trust follows the origin the operator chose: an administrator who changes the
 * secret or the algorithm of that server keeps it; one who points to another host does not.
 */
function configuredByAfter(actor: BbbServerActor, current: Pick<BbbServerRow, 'url' | 'configured_by'> | undefined, url: string): BbbServerConfiguredBy {
  if (actor === 'operator') return 'operator';
  return current?.configured_by === 'operator' && sameOrigin(current.url, url) ? 'operator' : 'platform-admin';
}

function trustOf(configuredBy: BbbServerConfiguredBy): BbbServerConfig['trust'] {
  return configuredBy === 'operator' ? 'operator' : 'web';
}

function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
