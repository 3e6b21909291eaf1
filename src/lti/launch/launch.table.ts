import type { ColumnType, Selectable } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface LtiUsersTable {
  id: string;
  platform_id: string;
  sub: string;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  locale: string | null;
  /** The language the person chose in Amphi's page: wins over the launch's (migration 0018). */
  preferred_locale: ColumnType<'fr' | 'en' | null, 'fr' | 'en' | null | undefined, 'fr' | 'en' | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type LtiUserRow = Selectable<LtiUsersTable>;

export interface LtiContextsTable {
  id: string;
  deployment_id: string;
  context_id: string;
  title: string | null;
  label: string | null;
  types: Json<string[]>;
  /** NRPS context_memberships_url and AGS lineitems URL and scopes, from the latest launch that had them. */
  memberships_url: ColumnType<string | null, string | null | undefined, string | null>;
  lineitems_url: ColumnType<string | null, string | null | undefined, string | null>;
  ags_scopes: ColumnType<string[] | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type LtiContextRow = Selectable<LtiContextsTable>;

export interface LtiResourceLinksTable {
  id: string;
  deployment_id: string;
  context_id: string | null;
  resource_link_id: string;
  title: string | null;
  description: string | null;
  custom: Json<Record<string, string>>;
  /** The AGS line item the platform announced for this activity. */
  lineitem_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Amphi resource this activity shows (set on first launch, changed when the teacher switches it). */
  resource_id: ColumnType<string | null, string | null | undefined, string | null>;
  bound_custom_resource_id: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type LtiResourceLinkRow = Selectable<LtiResourceLinksTable>;

export interface LtiMembershipsTable {
  context_id: string;
  user_id: string;
  role: string;
  first_launch_at: ColumnType<Date, Date | undefined, never>;
  last_launch_at: ColumnType<Date, Date | undefined, Date>;
}
export type LtiMembershipRow = Selectable<LtiMembershipsTable>;
