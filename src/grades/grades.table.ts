import type { ColumnType, Generated, Selectable } from 'kysely';

export interface GradeLineItemsTable {
  id: string;
  platform_id: string;
  context_id: string | null;
  resource_id: string | null;
  resource_link_id: string | null;
  /** The line item's URL at the platform (AGS `id`). */
  url: string;
  label: string | null;
  score_maximum: number | null;
  tag: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type GradeLineItemRow = Selectable<GradeLineItemsTable>;

export type ScoreStatus = 'pending' | 'sent' | 'failed' | 'superseded';

export interface GradeScoresTable {
  seq: Generated<string>;
  id: string;
  platform_id: string;
  resource_id: string | null;
  resource_link_id: string | null;
  /** Null until the line item exists at the platform (created by the outbox before delivery). */
  line_item_id: string | null;
  user_id: string;
  score_given: number;
  score_maximum: number;
  activity_progress: string;
  grading_progress: string;
  comment: string | null;
  score_timestamp: Date;
  status: ColumnType<ScoreStatus, ScoreStatus | undefined, ScoreStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  locked_until: Date | null;
  last_error: string | null;
  last_status: number | null;
  sent_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type GradeScoreRow = Selectable<GradeScoresTable>;
