import type { ToolKeysTable } from '../lti/keys/tool-key.table.js';
import type { DeploymentsTable, PlatformsTable } from '../lti/platforms/platform.table.js';
import type { LtiNoncesTable } from '../lti/launch/nonce.repository.js';
import type { LtiContextsTable, LtiMembershipsTable, LtiResourceLinksTable, LtiUsersTable } from '../lti/launch/launch.table.js';
import type { LtiSessionsTable } from '../lti/session/session.table.js';
import type { ResourcesTable } from '../content/resource.table.js';
import type { GradeLineItemsTable, GradeScoresTable } from '../grades/grades.table.js';
import type { RosterMembersTable, RosterSyncsTable } from '../roster/roster.table.js';
import type { LrsAttachmentsTable, LrsStatementsTable } from '../lrs/statements/statement.table.js';
import type { LrsCredentialsTable } from '../lrs/credentials/credential.table.js';
import type { LrsDocumentsTable } from '../lrs/documents/document.table.js';
import type { LrsActivitiesTable } from '../lrs/activities/activity.table.js';
import type { LrsSinkOutboxTable } from '../lrs/sinks/sink-outbox.table.js';
import type { JobsTable } from '../jobs/job.table.js';
import type { VideoMediaTable } from '../video/video.table.js';
import type { VideoViewsTable } from '../video/tracking/video-view.table.js';
import type { BbbServersTable, ClassroomAttendanceTable, ClassroomCallbackTokensTable, ClassroomMeetingsTable, ClassroomRecordingsTable } from '../classroom/classroom.table.js';

/** Every table, as Kysely sees it. Each feature owns its `<entity>.table.ts`. */
export interface Database {
  tool_keys: ToolKeysTable;
  platforms: PlatformsTable;
  deployments: DeploymentsTable;
  lti_nonces: LtiNoncesTable;
  lti_users: LtiUsersTable;
  lti_contexts: LtiContextsTable;
  lti_resource_links: LtiResourceLinksTable;
  lti_sessions: LtiSessionsTable;
  lti_memberships: LtiMembershipsTable;
  resources: ResourcesTable;
  grade_line_items: GradeLineItemsTable;
  grade_scores: GradeScoresTable;
  roster_members: RosterMembersTable;
  roster_syncs: RosterSyncsTable;
  lrs_credentials: LrsCredentialsTable;
  lrs_statements: LrsStatementsTable;
  lrs_attachments: LrsAttachmentsTable;
  lrs_documents: LrsDocumentsTable;
  lrs_activities: LrsActivitiesTable;
  lrs_sink_outbox: LrsSinkOutboxTable;
  jobs: JobsTable;
  video_media: VideoMediaTable;
  video_views: VideoViewsTable;
  bbb_servers: BbbServersTable;
  classroom_meetings: ClassroomMeetingsTable;
  classroom_attendance: ClassroomAttendanceTable;
  classroom_recordings: ClassroomRecordingsTable;
  classroom_callback_tokens: ClassroomCallbackTokensTable;
}
