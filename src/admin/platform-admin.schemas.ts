import { z } from 'zod';
import { ADMIN_COMMANDS } from './admin-commands.js';

/**
 * Requests of the administration page (/api/admin/...). Each body is the CLI command's own
 * `args` schema without the platform, which always comes from the session: an administrator
 * cannot name another platform, and both doors refuse the same input with the same words.
 */

const noParams = z.object({}).optional();

export const PutDeploymentsPolicy = z.object({
  body: ADMIN_COMMANDS['platform-allow-new-deployments'].args.omit({ id: true }),
});

export const PutLrsIdentity = z.object({
  body: ADMIN_COMMANDS['platform-lrs-identity'].args.omit({ id: true }),
});

export const PutUploadLimit = z.object({
  body: ADMIN_COMMANDS['platform-video-limit'].args.omit({ id: true }),
});

export const CreateCredential = z.object({
  body: ADMIN_COMMANDS['lrs-credentials-create'].args.omit({ platformId: true }),
});

/** The credential to revoke, by id or key as in `amphi lrs credentials revoke`. */
export const CredentialParams = z.object({
  params: z.object({ idOrKey: ADMIN_COMMANDS['lrs-credentials-revoke'].args.shape.idOrKey }),
});

export const RequeueForwarding = z.object({
  body: ADMIN_COMMANDS['lrs-forwarding-retry'].args,
});

const listArgs = ADMIN_COMMANDS['jobs-list'].args.shape;
/** A query string is text: the limit is read as a number, then held to the CLI's bounds. */
const queryNumber = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value === '' ? undefined : value);

export const ListJobs = z.object({
  params: noParams,
  query: z.object({ status: listArgs.status, limit: z.preprocess(queryNumber, listArgs.limit) }),
});

export const JobParams = z.object({
  params: z.object({ id: ADMIN_COMMANDS['jobs-retry'].args.shape.id }),
});
