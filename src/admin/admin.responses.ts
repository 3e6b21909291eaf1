import { z } from 'zod';
import type * as admin from './platform-admin.service.js';

/**
 * Wire schemas of the administration page's API (platform-admin.routes.ts), for the API
 * description (src/openapi). The type checks at the end make tsc refuse an answer this
 * description does not follow.
 */

export const PlatformSettingsSchema = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  registeredVia: z.string(),
  deploymentIds: z.array(z.string()),
  allowNewDeployments: z.boolean(),
  lrsIdentity: z.enum(['pseudonymous', 'email']),
  upload: z.object({ maxBytes: z.number(), serverMaxBytes: z.number(), own: z.boolean() }),
});

/** An LRS credential as listed; never its secret. */
export const CredentialViewSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  name: z.string(),
  key: z.string(),
  scopes: z.array(z.string()),
  /** The xAPI Agent statements stored with this credential name as their authority. */
  authority: z.object({
    objectType: z.literal('Agent').optional(),
    name: z.string().optional(),
    mbox: z.string().optional(),
    mbox_sha1sum: z.string().optional(),
    openid: z.string().optional(),
    account: z.object({ homePage: z.string(), name: z.string() }).optional(),
  }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const CredentialListSchema = z.object({ credentials: z.array(CredentialViewSchema) });

/** The new credential: its secret is shown this once, with the LRS endpoint to give the client. */
export const NewCredentialSchema = CredentialViewSchema.extend({ secret: z.string(), endpoint: z.string() });

export const ForwardingStatusSchema = z.object({
  sinks: z.array(z.enum(['elasticsearch', 'xapi'])),
  backlog: z.array(z.object({ sink: z.enum(['elasticsearch', 'xapi']), status: z.string(), count: z.number().int() })),
});

export const RequeuedSchema = z.object({ requeued: z.number().int() });

export const AdminJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  progress: z.number().nullable(),
  progressLabel: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const AdminJobListSchema = z.object({ jobs: z.array(AdminJobSchema) });
export const RetriedJobSchema = z.object({ requeued: z.literal(true) });
export const CancelledJobSchema = z.object({ cancelled: z.literal(true) });

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
export type PlatformSettingsFits = Fits<Answer<typeof admin.getPlatformSettings>, z.input<typeof PlatformSettingsSchema>>;
export type CredentialViewFits = Fits<Answer<typeof admin.revokePlatformCredential>, z.input<typeof CredentialViewSchema>>;
export type NewCredentialFits = Fits<Answer<typeof admin.createPlatformCredential>, z.input<typeof NewCredentialSchema>>;
export type ForwardingStatusFits = Fits<Answer<typeof admin.getForwardingStatus>, z.input<typeof ForwardingStatusSchema>>;
export type RequeuedFits = Fits<Answer<typeof admin.requeuePlatformForwarding>, z.input<typeof RequeuedSchema>>;
export type AdminJobFits = Fits<Answer<typeof admin.listPlatformJobs>[number], z.input<typeof AdminJobSchema>>;
export type RetriedJobFits = Fits<Answer<typeof admin.retryPlatformJob>, z.input<typeof RetriedJobSchema>>;
export type CancelledJobFits = Fits<Answer<typeof admin.cancelPlatformJob>, z.input<typeof CancelledJobSchema>>;
