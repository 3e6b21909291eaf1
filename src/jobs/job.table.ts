import type { ColumnType, Selectable } from 'kysely';

/** queued → running → succeeded | failed | cancelled; a failed or cancelled job may be queued again (retryJob). */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One job of the queue (migration 0007). */
export interface JobsTable {
  id: string;
  name: string;
  payload: ColumnType<unknown, string, string>;
  platform_id: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  priority: ColumnType<number, number | undefined, number>;
  /** When it may be claimed: now for a new job, the retry time after a failure. */
  run_at: ColumnType<Date, Date | undefined, Date>;
  /** Runs started, the current one included. */
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  /** 0..1, as the handler last reported it. */
  progress: number | null;
  progress_label: string | null;
  last_error: string | null;
  /** The claim token of the worker running it (guards every write of that run). */
  locked_by: string | null;
  lease_until: Date | null;
  cancel_requested: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  started_at: Date | null;
  finished_at: Date | null;
}

export type JobRow = Selectable<JobsTable>;
