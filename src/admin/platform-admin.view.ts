import type { JobRow } from '../jobs/job.service.js';
import { toJobView, type JobView } from '../jobs/job.view.js';
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

/** A job as the page lists it: the CLI's view without the payload, platform and schedule, which the page has no use for. */
export type AdminJob = Omit<JobView, 'platformId' | 'payload' | 'runAt'>;

export function toAdminJob(row: JobRow): AdminJob {
  const { platformId: _platform, payload: _payload, runAt: _runAt, ...job } = toJobView(row);
  return job;
}
