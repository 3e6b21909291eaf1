import { z } from 'zod';
import type { AdminCommand } from '../admin/admin-command.js';
import { cancelJob, listJobs, retryJob } from './job.service.js';
import type { JobRow } from './job.table.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** A job as the CLI (and its --json output) shows it. */
export interface JobView {
  id: string;
  name: string;
  status: JobRow['status'];
  platformId: string | null;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  progress: number | null;
  progressLabel: string | null;
  lastError: string | null;
  createdAt: string;
  runAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function toJobView(row: JobRow): JobView {
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    platformId: row.platform_id,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    progress: row.progress,
    progressLabel: row.progress_label,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    runAt: iso(row.run_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

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
