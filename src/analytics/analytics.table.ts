import type { ColumnType } from 'kysely';

/** Migration 0014: how far the rollups of a platform have read its statements. */
export interface AnalyticsWatermarksTable {
  platform_id: string;
  /** bigint, as text: the last lrs_statements.seq included. */
  last_seq: ColumnType<string, string | number, string | number>;
  /** ROLLUP_DEFINITIONS when they were computed: another version means a rebuild. */
  definitions: number;
  refreshed_at: ColumnType<Date, Date | undefined, Date>;
}

/** Calendar days travel as YYYY-MM-DD text (a `date` column cast in every query). */
export interface AnalyticsDailyTable {
  platform_id: string;
  context_id: string;
  day: ColumnType<string, string, string>;
  learner: string;
  object_id: string;
  action: string;
  count: number;
}

export interface AnalyticsLearnerDaysTable {
  platform_id: string;
  context_id: string;
  day: ColumnType<string, string, string>;
  learner: string;
  count: number;
}

export interface AnalyticsLearnersTable {
  platform_id: string;
  context_id: string;
  learner: string;
  count: number;
  first_day: ColumnType<string, string, string>;
  last_day: ColumnType<string, string, string>;
}

/** Migration 0016: a dashboard view computed from the rollups, kept for every process (rollup-view-cache.ts). */
export interface AnalyticsViewsTable {
  platform_id: string;
  context_id: string;
  key: string;
  /** JSON: what the view is of (ViewParams), for the refresh job to recompute it. */
  params: string;
  version: string;
  /** JSON text of the view. */
  value: string;
  computed_at: ColumnType<Date, Date | undefined, Date>;
  read_at: ColumnType<Date, Date | undefined, Date>;
}
