import type { ColumnType, Selectable } from 'kysely';

/** How LTI users appear as xAPI actors: `account` (issuer + sub), or their email (mbox) when the platform sends one. */
export type LrsIdentity = 'pseudonymous' | 'email';

export interface PlatformsTable {
  id: string;
  issuer: string;
  client_id: string;
  name: string;
  auth_login_url: string;
  auth_token_url: string;
  jwks_url: string;
  allow_new_deployments: boolean;
  registered_via: 'manual' | 'dynamic';
  product_family_code: string | null;
  /** How LTI users appear as xAPI actors: `account` (issuer + sub) or their email (mbox). */
  lrs_identity: ColumnType<LrsIdentity, LrsIdentity | undefined, LrsIdentity>;
  /** The demo platform of `amphi demo` (src/demo): it signs launches for anyone who reaches it, so it is shown as such everywhere. */
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type PlatformRow = Selectable<PlatformsTable>;

export interface DeploymentsTable {
  id: string;
  platform_id: string;
  deployment_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type DeploymentRow = Selectable<DeploymentsTable>;
