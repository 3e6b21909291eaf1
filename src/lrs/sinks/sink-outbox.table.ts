import type { ColumnType } from 'kysely';
import type { SinkName } from './sink-config.js';

/** pending: waits for (or is under) delivery; failed: refused for good by the sink, kept with its reason. Delivered rows are deleted. */
export type SinkOutboxStatus = 'pending' | 'failed';

/** One statement to forward to one sink (migration 0006). */
export interface LrsSinkOutboxTable {
  platform_id: string;
  statement_id: string;
  sink: SinkName;
  status: ColumnType<SinkOutboxStatus, SinkOutboxStatus | undefined, SinkOutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  /** When it may be claimed: now for a new row, the retry time after a failure, the lease end while claimed. */
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
