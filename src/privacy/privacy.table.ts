import type { ColumnType, Generated, Selectable } from 'kysely';

/** A platform's own retention periods in days (migration 0019); null: the operator's default. */
export interface PlatformRetentionTable {
  platform_id: string;
  statements_days: number | null;
  video_views_days: number | null;
  attendance_days: number | null;
  launch_logs_days: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type PlatformRetentionRow = Selectable<PlatformRetentionTable>;

/** One administrative action (migration 0019). */
export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | undefined, never>;
  /** `cli:<system user>`, `lti:<lti_users.id>` (an administrator on the admin page) or `system`. */
  actor: string;
  platform_id: string | null;
  action: string;
  target: string | null;
  /** The action's arguments, secrets removed. */
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}
export type AuditLogRow = Selectable<AuditLogTable>;
