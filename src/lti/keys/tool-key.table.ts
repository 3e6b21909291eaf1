import type { ColumnType, Selectable } from 'kysely';
import type { JWK } from 'jose';

export interface ToolKeysTable {
  kid: string;
  public_jwk: ColumnType<JWK, string, string>;
  /** AES-256-GCM box of the private JWK (see crypto/secret-box.ts). */
  private_jwk_encrypted: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Set when a newer key took over signing. */
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** After this instant the key is no longer published. */
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export type ToolKeyRow = Selectable<ToolKeysTable>;
