import type { ColumnType, Selectable } from 'kysely';

export interface LrsCredentialsTable {
  id: string;
  platform_id: string;
  name: string;
  /** The HTTP Basic user name; public. */
  key: string;
  /** scrypt of the secret; the secret itself is shown once, at creation. */
  secret_hash: string;
  scopes: string[];
  /** The Agent set as `authority` on statements stored with this credential. */
  authority: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
export type LrsCredentialRow = Selectable<LrsCredentialsTable>;
