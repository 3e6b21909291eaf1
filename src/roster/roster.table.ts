import type { ColumnType, Selectable } from 'kysely';

export interface RosterMembersTable {
  context_id: string;
  user_sub: string;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  picture: string | null;
  lis_person_sourcedid: string | null;
  roles: ColumnType<string[], string, string>;
  status: string;
  fetched_at: Date;
}
export type RosterMemberRow = Selectable<RosterMembersTable>;

export interface RosterSyncsTable {
  context_id: string;
  memberships_url: string;
  status: 'ok' | 'failed';
  member_count: number;
  error: string | null;
  fetched_at: Date | null;
  attempted_at: Date;
}
export type RosterSyncRow = Selectable<RosterSyncsTable>;
