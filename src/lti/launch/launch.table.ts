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
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type LtiResourceLinkRow = Selectable<LtiResourceLinksTable>;
