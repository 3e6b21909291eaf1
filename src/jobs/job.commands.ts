import { z } from 'zod';
import type { AdminCommand } from '../admin/admin-command.js';
import { cancelJob, listJobs, retryJob } from './job.service.js';
import { toJobView } from './job.view.js';

export { toJobView, type JobView } from './job.view.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;


const JobRef = z.object({ id: z.string().min(1).max(200) });

/** `amphi jobs list|cancel|retry`, run by the admin endpoint or the CLI itself (src/admin). */
export const JOB_ADMIN_COMMANDS = {
  'jobs-list': {
    args: z.object({ status: z.enum(JOB_STATUSES).optional(), limit: z.number().int().min(1).max(1000).optional() }),
    run: async (ctx, args: { status?: (typeof JOB_STATUSES)[number]; limit?: number }) => (await listJobs(ctx.db, args)).map(toJobView),
  },
  'jobs-cancel': {
    args: JobRef,
    run: async (ctx, { id }: { id: string }) => ({ cancelled: await cancelJob(ctx, id) }),
  },
  'jobs-retry': {
    args: JobRef,
    run: async (ctx, { id }: { id: string }) => ({ requeued: await retryJob(ctx, id) }),
  },
} satisfies Record<string, AdminCommand>;
