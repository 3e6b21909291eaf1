import type { ColumnType, Selectable } from 'kysely';
import type { ChecksumAlgorithm } from './bbb/bbb.types.js';

/** Migration 0010_classroom explains each table. */
export interface BbbServersTable {
  platform_id: string;
  url: string;
  /** SecretBox-sealed shared secret: never stored or logged in clear. */
  secret_encrypted: string;
  checksum_algorithm: ColumnType<ChecksumAlgorithm, ChecksumAlgorithm | undefined, ChecksumAlgorithm>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** operator: set with the CLI (any address); platform-admin: set on the admin page (the outbound address rules apply). */
  configured_by: BbbServerConfiguredBy;
}
export type BbbServerConfiguredBy = 'operator' | 'platform-admin';
export type BbbServerRow = Selectable<BbbServersTable>;

export type MeetingState = 'creating' | 'running' | 'ended';

export interface ClassroomMeetingsTable {
  id: string;
  platform_id: string;
  resource_id: string;
  /** BBB's meetingID. */
  meeting_id: string;
  state: ColumnType<MeetingState, MeetingState | undefined, MeetingState>;
  internal_meeting_id: string | null;
  /** BBB's createTime (ms since the epoch), which join passes back. */
  create_time: number | null;
  session_start: Date | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  started_at: Date | null;
  /** When BBB last confirmed the meeting exists (getMeetingInfo or create). */
  checked_at: Date | null;
  ended_at: Date | null;
  /** callback (BBB's end callback), not-found (BBB no longer knows it), ended-by-teacher. */
  end_reason: string | null;
}
export type ClassroomMeetingRow = Selectable<ClassroomMeetingsTable>;

export interface ClassroomAttendanceTable {
  id: string;
  platform_id: string;
  resource_id: string;
  meeting_row_id: string;
  /** lti_users.id */
  user_id: string;
  /** The activity launched when joining, when it shows this classroom: its gradebook column. */
  resource_link_id: string | null;
  role: 'moderator' | 'viewer';
  first_joined_at: ColumnType<Date, Date | undefined, Date>;
  last_joined_at: ColumnType<Date, Date | undefined, Date>;
  join_count: ColumnType<number, number | undefined, number>;
  left_at: Date | null;
  duration_seconds: number | null;
  talk_time_seconds: number | null;
  chats: number | null;
  raised_hands: number | null;
  poll_votes: number | null;
  emojis: number | null;
  /** When BBB's analytics callback reported this person. */
  reported_at: Date | null;
  score_sent: number | null;
}
export type ClassroomAttendanceRow = Selectable<ClassroomAttendanceTable>;

export type RecordingImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ClassroomRecordingsTable {
  platform_id: string;
  record_id: string;
  resource_id: string;
  meeting_row_id: string | null;
  ready_at: ColumnType<Date, Date | undefined, Date>;
  import_status: RecordingImportStatus | null;
  import_job_id: string | null;
  imported_resource_id: string | null;
  import_error: string | null;
  imported_by: string | null;
}
export type ClassroomRecordingRow = Selectable<ClassroomRecordingsTable>;

export interface ClassroomCallbackTokensTable {
  token_hash: string;
  kind: string;
  seen_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}
