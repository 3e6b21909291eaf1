import type { ToolKeysTable } from '../lti/keys/tool-key.table.js';
import type { DeploymentsTable, PlatformsTable } from '../lti/platforms/platform.table.js';
import type { LtiNoncesTable } from '../lti/launch/nonce.repository.js';
import type { LtiContextsTable, LtiResourceLinksTable, LtiUsersTable } from '../lti/launch/launch.table.js';
import type { LtiSessionsTable } from '../lti/session/session.table.js';

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
}
