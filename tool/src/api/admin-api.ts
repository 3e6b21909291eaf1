import { callApi, type ApiClient } from './api-client.js';

/** The administration page's API, /api/admin/... (src/admin/platform-admin.routes.ts), for the session's own platform. */

export type LrsIdentity = 'pseudonymous' | 'email';
export const LRS_SCOPES = ['statements/write', 'statements/read/mine', 'statements/read', 'state', 'define', 'profile', 'all/read', 'all'] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type SinkName = 'elasticsearch' | 'xapi';

export interface PlatformSettings {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  registeredVia: string;
  deploymentIds: string[];
  allowNewDeployments: boolean;
  lrsIdentity: LrsIdentity;
  upload: { maxBytes: number; serverMaxBytes: number; own: boolean };
}

export interface LrsCredential {
  id: string;
  name: string;
  key: string;
  scopes: LrsScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Only in the creation's answer: the secret is never shown again. */
export interface CreatedLrsCredential extends LrsCredential {
  secret: string;
  endpoint: string;
}

export interface ForwardingStatus {
  sinks: SinkName[];
  backlog: { sink: SinkName; status: 'pending' | 'failed'; count: number }[];
}

export interface AdminJob {
  id: string;
  name: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  progress: number | null;
  progressLabel: string | null;
  lastError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The BigBlueButton xAPI payload (src/classroom/bbb-xapi): what BBB's meta_secret-lrs-payload carries. */
export interface BbbXapiSettings {
  enabled: boolean;
  lrsEndpoint: string | null;
  payload: string | null;
  createdAt: string | null;
}

export const getPlatformSettings = (client: ApiClient) => callApi<PlatformSettings>(client, '/api/admin/platform');

export const saveDeploymentsPolicy = (client: ApiClient, allow: boolean) =>
  callApi<PlatformSettings>(client, '/api/admin/platform/deployments', { method: 'PUT', body: { allow } });

export const saveLrsIdentity = (client: ApiClient, lrsIdentity: LrsIdentity) =>
  callApi<PlatformSettings>(client, '/api/admin/platform/lrs-identity', { method: 'PUT', body: { lrsIdentity } });

/** `bytes` null: the server's limit again. */
export const saveUploadLimit = (client: ApiClient, bytes: number | null) =>
  callApi<PlatformSettings>(client, '/api/admin/platform/upload-limit', { method: 'PUT', body: { bytes } });

export const listLrsCredentials = (client: ApiClient) => callApi<{ credentials: LrsCredential[] }>(client, '/api/admin/lrs-credentials');

export const createLrsCredential = (client: ApiClient, body: { name?: string; scopes: LrsScope[] }) =>
  callApi<CreatedLrsCredential>(client, '/api/admin/lrs-credentials', { method: 'POST', body });

export const revokeLrsCredential = (client: ApiClient, id: string) =>
  callApi<LrsCredential>(client, `/api/admin/lrs-credentials/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const getForwardingStatus = (client: ApiClient) => callApi<ForwardingStatus>(client, '/api/admin/forwarding');

export const requeueForwarding = (client: ApiClient) => callApi<{ requeued: number }>(client, '/api/admin/forwarding/requeue', { method: 'POST', body: {} });

export function listAdminJobs(client: ApiClient, status: JobStatus | null): Promise<{ jobs: AdminJob[] }> {
  return callApi<{ jobs: AdminJob[] }>(client, `/api/admin/jobs${status ? `?status=${status}` : ''}`);
}

export const retryAdminJob = (client: ApiClient, id: string) => callApi<{ requeued: true }>(client, `/api/admin/jobs/${encodeURIComponent(id)}/retry`, { method: 'POST' });

export const cancelAdminJob = (client: ApiClient, id: string) => callApi<{ cancelled: true }>(client, `/api/admin/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

export const getBbbXapi = (client: ApiClient) => callApi<BbbXapiSettings>(client, '/api/admin/bbb-xapi');

/** Creates the payload, or replaces it (the previous one stops working). */
export const rotateBbbXapi = (client: ApiClient) => callApi<BbbXapiSettings>(client, '/api/admin/bbb-xapi', { method: 'POST', body: {} });

export const disableBbbXapi = (client: ApiClient) => callApi<BbbXapiSettings>(client, '/api/admin/bbb-xapi', { method: 'DELETE' });
