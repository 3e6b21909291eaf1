import type { JobRow } from './job.table.js';

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
