import type { ColumnType, Selectable } from 'kysely';

/** What only the demo platform needs, next to its `platforms` row (migration 0015). */
export interface DemoPlatformsTable {
  platform_id: string;
  kid: string;
  /** The private JWK, in the secret box (src/crypto/secret-box.ts) like every private key at rest. */
  private_key: string;
  public_jwk: string;
  /** The DemoCourse it shows, as JSON. */
  course: string;
  /** The one non-loopback PUBLIC_URL the operator allowed it on (`--allow-public-url`); null: loopback only. */
  allowed_public_url: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type DemoPlatformRow = Selectable<DemoPlatformsTable>;
