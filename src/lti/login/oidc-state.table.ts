import type { ColumnType, Selectable } from 'kysely';

/** A login in flight: created by /lti/login, consumed once by /lti/launch. */
export interface OidcStatesTable {
  state: string;
  nonce: string;
  platform_id: string;
  target_link_uri: string;
  login_hint: string;
  lti_message_hint: string | null;
  lti_deployment_id: string | null;
  client_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
}
export type OidcStateRow = Selectable<OidcStatesTable>;
