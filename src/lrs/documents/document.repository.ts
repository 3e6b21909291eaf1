import type { Db } from '../../db/database.js';
import type { LrsDocumentRow } from './document.table.js';
import { scopeHash, type DocumentKey, type DocumentScope } from './document-scope.js';

/** What a write stores: the client's bytes and Content-Type, their ETag, when. */
export interface DocumentContent {
  contentType: string;
  content: Buffer;
  etag: string;
  updatedAt: Date;
}

/** The document, locked until the transaction ends when `forUpdate` (concurrency checks, merges). */
export async function findDocument(db: Db, platformId: string, key: DocumentKey, options: { forUpdate?: boolean } = {}): Promise<LrsDocumentRow | undefined> {
  let query = db
    .selectFrom('lrs_documents')
    .selectAll()
    .where('platform_id', '=', platformId)
    .where('scope_hash', '=', scopeHash(key.scope))
    .where('document_id', '=', key.documentId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && { ...row, content: Buffer.from(row.content), updated_at: new Date(row.updated_at) };
}

/** False when another request created the document first (the caller retries). */
export async function insertDocumentIfAbsent(db: Db, platformId: string, key: DocumentKey, doc: DocumentContent): Promise<boolean> {
  const { scope } = key;
  const inserted = await db
    .insertInto('lrs_documents')
    .values({
      platform_id: platformId,
      scope_hash: scopeHash(scope),
      document_id: key.documentId,
      kind: scope.kind,
      activity_id: scope.activityId,
      agent_key: scope.agentKey,
      registration: scope.registration,
      content_type: doc.contentType,
      content: doc.content,
      etag: doc.etag,
      updated_at: doc.updatedAt,
    })
    .onConflict((oc) => oc.columns(['platform_id', 'scope_hash', 'document_id']).doNothing())
    .returning('document_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateDocument(db: Db, platformId: string, key: DocumentKey, doc: DocumentContent): Promise<void> {
  await db
    .updateTable('lrs_documents')
    .set({ content_type: doc.contentType, content: doc.content, etag: doc.etag, updated_at: doc.updatedAt })
    .where('platform_id', '=', platformId)
    .where('scope_hash', '=', scopeHash(key.scope))
    .where('document_id', '=', key.documentId)
    .execute();
}

export async function deleteDocumentRow(db: Db, platformId: string, key: DocumentKey): Promise<void> {
  await db
    .deleteFrom('lrs_documents')
    .where('platform_id', '=', platformId)
    .where('scope_hash', '=', scopeHash(key.scope))
    .where('document_id', '=', key.documentId)
    .execute();
}

export async function deleteDocumentRows(db: Db, platformId: string, scope: DocumentScope): Promise<void> {
  await db.deleteFrom('lrs_documents').where('platform_id', '=', platformId).where('scope_hash', '=', scopeHash(scope)).execute();
}

/** Ids and modification times of the documents in a scope, changed strictly after `since` when given. */
export async function listDocumentRows(
  db: Db,
  platformId: string,
  scope: DocumentScope,
  since: Date | undefined,
): Promise<{ documentId: string; updatedAt: Date }[]> {
  let query = db
    .selectFrom('lrs_documents')
    .select(['document_id', 'updated_at'])
    .where('platform_id', '=', platformId)
    .where('scope_hash', '=', scopeHash(scope));
  if (since) query = query.where('updated_at', '>', since);
  const rows = await query.orderBy('document_id').execute();
  return rows.map((r) => ({ documentId: r.document_id, updatedAt: new Date(r.updated_at) }));
}
