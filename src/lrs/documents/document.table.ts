import type { ColumnType, Selectable } from 'kysely';

/** Which document resource a document belongs to (xAPI 1.0.3 Communication 2.3, 2.6, 2.7). */
export type DocumentKind = 'state' | 'activity-profile' | 'agent-profile';

export interface LrsDocumentsTable {
  platform_id: string;
  /** SHA-256 hex of the scope (kind, activity_id, agent_key, registration): see document-scope.ts. */
  scope_hash: string;
  /** stateId or profileId. */
  document_id: string;
  kind: DocumentKind;
  /** '' for an Agent Profile. */
  activity_id: string;
  /** agentKey() of the agent; '' for an Activity Profile. */
  agent_key: string;
  /** Lower-case UUID for a State stored with a registration, else ''. */
  registration: string;
  /** The Content-Type header the client sent, as sent. */
  content_type: string;
  content: Buffer;
  /** Quoted SHA-1 hex of the content (Communication 3.1). */
  etag: string;
  updated_at: ColumnType<Date, Date, Date>;
}
export type LrsDocumentRow = Selectable<LrsDocumentsTable>;
