import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { createCredential, revokeCredential } from '../../lrs/credentials/credential.service.js';
import { getPlatformView } from '../../lti/platforms/platform.service.js';
import { bbbSecretFor } from '../servers/bbb-server.service.js';
import { deleteBbbXapiCredential, findBbbXapiCredential, replaceBbbXapiCredential } from './bbb-xapi.repository.js';
import type { BbbXapiCredentialRow } from './bbb-xapi.table.js';
import { encryptLrsPayload, lrsEndpointFor } from './lrs-payload.js';

/**
 * BigBlueButton's own xAPI, per platform: a dedicated LRS credential (statements/write only)
 * whose key and secret travel, encrypted with the platform's BBB shared secret, in the
 * `meta_secret-lrs-payload` of every meeting Amphi creates (lrs-payload.ts cites the format).
 * bbb-webhooks' xAPI module then posts that meeting's statements to Amphi's LRS, stored under
 * this credential's authority like any client's.
 *
 * The credential secret is kept sealed (SecretBox) rather than the payload itself: the payload
 * depends on the BBB server's secret, which the administrator may change at any time.
 */

/** GET/POST/DELETE /api/admin/bbb-xapi and `amphi platform bbb-xapi`. */
export interface BbbXapiView {
  enabled: boolean;
  lrsEndpoint: string | null;
  /** For the platform's current BBB server; a new salt at each read (any of them decrypts the same). */
  payload: string | null;
  createdAt: string | null;
}

export const BBB_XAPI_CREDENTIAL_NAME = 'BigBlueButton xAPI (meta_secret-lrs-payload)';

export async function getBbbXapiView(ctx: AppContext, platformId: string): Promise<BbbXapiView> {
  await getPlatformView(ctx.db, platformId);
  const row = await findBbbXapiCredential(ctx.db, platformId);
  if (!row) return { enabled: false, lrsEndpoint: null, payload: null, createdAt: null };
  return { enabled: true, lrsEndpoint: lrsEndpointFor(ctx.config.http.publicUrl), payload: await buildPayload(ctx, row), createdAt: row.created_at.toISOString() };
}

/**
 * Enables it, or rotates: a new credential replaces the platform's, and the old one is revoked
 * (meetings created with the old payload stop reporting: BBB keeps a meeting's payload for its
 * whole life). Refused (409) while the platform has no BBB server: there would be no secret to
 * encrypt with, and nothing to send the payload to.
 */
export async function enableBbbXapi(ctx: AppContext, platformId: string, createdBy: string | null): Promise<BbbXapiView> {
  await getPlatformView(ctx.db, platformId);
  if ((await bbbSecretFor(ctx, platformId)) === undefined) throw new AppError('bbb-not-configured', 409);
  const created = await createCredential(ctx.db, { platformId, name: BBB_XAPI_CREDENTIAL_NAME, scopes: ['statements/write'], publicUrl: ctx.config.http.publicUrl });
  const write = { platformId, credentialId: created.id, credentialKey: created.key, secretEncrypted: ctx.secrets.encrypt(created.secret), createdBy };
  // A credential no row points to would stay valid with nobody able to see or revoke it here.
  const { previous } = await replaceBbbXapiCredential(ctx.db, write).catch(async (err: unknown) => {
    await revokeCredential(ctx, created.id);
    throw err;
  });
  if (previous) await revokeCredential(ctx, previous.credential_id);
  ctx.logger.info({ platformId, credentialId: created.id, rotated: previous !== undefined }, 'BigBlueButton xAPI enabled');
  return getBbbXapiView(ctx, platformId);
}

/** Turns it off: the credential is revoked and creates carry no payload any more. */
export async function disableBbbXapi(ctx: AppContext, platformId: string): Promise<BbbXapiView> {
  await getPlatformView(ctx.db, platformId);
  const removed = await deleteBbbXapiCredential(ctx.db, platformId);
  if (removed) {
    await revokeCredential(ctx, removed.credential_id);
    ctx.logger.info({ platformId, credentialId: removed.credential_id }, 'BigBlueButton xAPI disabled');
  }
  return { enabled: false, lrsEndpoint: null, payload: null, createdAt: null };
}

/** The `meta_secret-lrs-payload` for a create on this platform's server, or undefined when off. */
export async function lrsPayloadMetaFor(ctx: AppContext, platformId: string): Promise<string | undefined> {
  const row = await findBbbXapiCredential(ctx.db, platformId);
  return row ? ((await buildPayload(ctx, row)) ?? undefined) : undefined;
}

/** Null when the platform's BBB server is gone (the page says to set one) or a secret no longer unseals. */
async function buildPayload(ctx: AppContext, row: BbbXapiCredentialRow): Promise<string | null> {
  const serverSecret = await bbbSecretFor(ctx, row.platform_id).catch(() => undefined);
  if (serverSecret === undefined) return null;
  let password: string;
  try {
    password = ctx.secrets.decrypt(row.secret_encrypted);
  } catch (err) {
    ctx.logger.warn({ err, platformId: row.platform_id }, 'BigBlueButton xAPI credential secret does not unseal: rotate it');
    return null;
  }
  return encryptLrsPayload({ lrs_endpoint: lrsEndpointFor(ctx.config.http.publicUrl), lrs_username: row.credential_key, lrs_password: password }, serverSecret);
}
