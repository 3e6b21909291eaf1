import type { ColumnType, Selectable } from 'kysely';
import type { Segment } from './played-segments.js';

/** video_views (migration 0009): one row per video resource and person; their watching budget is in watch_budgets. */
export interface VideoViewsTable {
  platform_id: string;
  resource_id: string;
  user_id: string;
  /** Merged, sorted [start, end] pairs in seconds. */
  played_segments: ColumnType<Segment[], string | undefined, string>;
  position_seconds: ColumnType<number, number | undefined, number>;
  /** The timestamp of the statement that gave the position. */
  position_at: Date | null;
  /** 0..1, computed by the server from the segments and the published media's duration. */
  watched_share: ColumnType<number, number | undefined, number>;
  completed_at: Date | null;
  last_session_id: string | null;
  /** The score last handed to the gradebook (recordScore); null before the first. */
  best_score_sent: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type VideoViewRow = Selectable<VideoViewsTable>;
