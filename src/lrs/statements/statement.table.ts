import type { ColumnType, Generated, Selectable } from 'kysely';

export interface LrsStatementsTable {
  seq: Generated<string>;
  platform_id: string;
  id: string;
  stored: ColumnType<Date, Date | string, never>;
  verb_id: string;
  /** agentKey() of the actor; null for an anonymous Group. */
  actor_key: string | null;
  object_activity_id: string | null;
  object_agent_key: string | null;
  object_statement_id: string | null;
  registration: string | null;
  /** Every agent key and activity id anywhere in the statement (related_agents / related_activities). */
  related_agents: string[];
  related_activities: string[];
  voided: Generated<boolean>;
  is_voiding: Generated<boolean>;
  credential_id: string | null;
  attachment_hashes: string[] | null;
  statement: ColumnType<unknown, string, string>;
}
export type LrsStatementRow = Selectable<LrsStatementsTable>;

export interface LrsAttachmentsTable {
  platform_id: string;
  sha2: string;
  content_type: string;
  length: number;
  content: Buffer;
  created_at: ColumnType<Date, Date | undefined, never>;
}
