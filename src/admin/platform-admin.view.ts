import type { JobRow } from '../jobs/job.service.js';
import type { PlatformView } from '../lti/platforms/platform.service.js';

/** What the administration page shows of its platform (never the registration's URLs' secrets: there are none). */
export interface PlatformSettings {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  registeredVia: string;
  deploymentIds: string[];
  allowNewDeployments: boolean;
  lrsIdentity: PlatformView['lrsIdentity'];
  upload: {
    /** The largest video the platform accepts now. */
    maxBytes: number;
    /** The server's limit (VIDEO_MAX_UPLOAD_BYTES): a platform may only lower it. */
    serverMaxBytes: number;
    own: boolean;
  };
}

export function toPlatformSettings(p: PlatformView, maxBytes: number, serverMaxBytes: number): PlatformSettings {
  return {
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    clientId: p.clientId,
    registeredVia: p.registeredVia,
    deploymentIds: p.deploymentIds,
    allowNewDeployments: p.allowNewDeployments,
    lrsIdentity: p.lrsIdentity,
    upload: { maxBytes, serverMaxBytes, own: maxBytes !== serverMaxBytes },
  };
}

/** A job as the page lists it: no payload (internal ids the page has no use for). */
export interface AdminJob {
  id: string;
  name: string;
  status: JobRow['status'];
  attempts: number;
  maxAttempts: number;
  progress: number | null;
  progressLabel: string | null;
  lastError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toAdminJob(row: JobRow): AdminJob {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    progress: row.progress,
    progressLabel: row.progress_label,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}
