import type { ColumnType, Selectable } from 'kysely';

/** Migration 0020: the LRS credential each platform's BigBlueButton server sends its xAPI with. */
export interface BbbXapiCredentialsTable {
  platform_id: string;
  /** lrs_credentials.id of the live credential (revoked through the credentials service). */
  credential_id: string;
  /** The credential's Basic user name (public). */
  credential_key: string;
  /** SecretBox-sealed credential secret: the payload is rebuilt from it for every create. */
  secret_encrypted: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}
export type BbbXapiCredentialRow = Selectable<BbbXapiCredentialsTable>;
