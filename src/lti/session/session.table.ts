import type { ColumnType, Selectable } from 'kysely';
import type { AppRole } from '../launch/roles.js';
import type { LaunchServices } from '../launch/launch-context.js';

export interface LtiSessionsTable {
  id: string;
  platform_id: string;
  deployment_id: string;
  user_id: string | null;
  context_id: string | null;
  resource_link_id: string | null;
  message_type: string;
  role: AppRole;
  roles: ColumnType<string[], string, string>;
  locale: 'fr' | 'en';
  /** The parts of the launch later features need (services endpoints, deep linking settings, return URL). */
  launch: ColumnType<LaunchServices, string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
}
export type LtiSessionRow = Selectable<LtiSessionsTable>;
