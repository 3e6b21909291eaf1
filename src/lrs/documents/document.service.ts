import type { Db } from '../../db/database.js';
import { XapiError } from '../xapi/xapi-error.js';
import { checkPreconditions, checkPutHeaders, etagOf, type Preconditions, type PutHeaderPolicy } from './document-concurrency.js';
import type { DocumentKey, DocumentScope } from './document-scope.js';
import {
  deleteDocumentRow,
  deleteDocumentRows,
  findDocument,
  insertDocumentIfAbsent,
  listDocumentRows,
  updateDocument,
  type DocumentContent,
} from './document.repository.js';
import type { LrsDocumentRow } from './document.table.js';

/**
 * The three document resources (xAPI 1.0.3 Communication 2.2): State, Activity Profile and
 * Agent Profile documents, stored per platform as the bytes and Content-Type the client sent.
 * Every write reads the document under a row lock, so the concurrency checks (3.1) and JSON
 * merges (2.2.s7) see the version they replace.
 */
export type StoredDocument = DocumentContent;

/** A document as a PUT or POST sends it. */
export interface DocumentUpload {
  /** The Content-Type header; application/octet-stream when the client sent none. */
  contentType: string;
  content: Buffer;
  preconditions: Preconditions;
}

export async function getDocument(db: Db, platformId: string, key: DocumentKey): Promise<StoredDocument | undefined> {
  const row = await findDocument(db, platformId, key);
  return row && toDocument(row);
}

/** Multiple Document GET (2.3.s4, 2.6.s4, 2.7.s4): ids changed after `since` (exclusive), and the latest change. */
export async function listDocumentIds(
  db: Db,
  platformId: string,
  scope: DocumentScope,
  since: Date | undefined,
): Promise<{ ids: string[]; lastModified: Date | undefined }> {
  const rows = await listDocumentRows(db, platformId, scope, since);
  let lastModified: Date | undefined;
  for (const r of rows) if (!lastModified || r.updatedAt > lastModified) lastModified = r.updatedAt;
  return { ids: rows.map((r) => r.documentId), lastModified };
}

/** PUT: stores the document as sent, replacing any other (2.2, 3.1.s4.b5–b6, b13). */
export async function putDocument(db: Db, platformId: string, key: DocumentKey, upload: DocumentUpload, policy: PutHeaderPolicy): Promise<void> {
  await writeDocument(db, platformId, key, (current) => {
    checkPreconditions(current?.etag, upload.preconditions);
    checkPutHeaders(current?.etag, upload.preconditions, policy);
    return contentOf(upload.contentType, upload.content);
  });
}

/**
 * POST (2.2.s7, s8): a JSON object merged into the JSON object stored, top-level properties
 * replaced; stored as sent when there is no document yet. Anything but two JSON objects is 400.
 */
export async function postDocument(db: Db, platformId: string, key: DocumentKey, upload: DocumentUpload): Promise<void> {
  if (!isJsonType(upload.contentType)) {
    throw new XapiError(400, `A POST to a document resource merges JSON: the Content-Type must be application/json, not ${upload.contentType}. Use PUT to store other content.`);
  }
  const posted = parseJsonObject(upload.content, 'The posted document');
  await writeDocument(db, platformId, key, (current) => {
    checkPreconditions(current?.etag, upload.preconditions);
    if (!current) return contentOf(upload.contentType, upload.content);
    if (!isJsonType(current.content_type)) {
      throw new XapiError(400, `The stored document is ${current.content_type}, not application/json, so it cannot be merged; use PUT to replace it.`);
    }
    const merged = { ...parseJsonObject(current.content, 'The stored document'), ...posted };
    return contentOf(upload.contentType, Buffer.from(JSON.stringify(merged), 'utf8'));
  });
}

/** DELETE of one document; deleting a document that does not exist is not an error. */
export async function deleteDocument(db: Db, platformId: string, key: DocumentKey, preconditions: Preconditions): Promise<void> {
  if (preconditions.ifMatch === undefined && preconditions.ifNoneMatch === undefined) {
    await deleteDocumentRow(db, platformId, key);
    return;
  }
  await db.transaction().execute(async (trx) => {
    const current = await findDocument(trx, platformId, key, { forUpdate: true });
    checkPreconditions(current?.etag, preconditions);
    await deleteDocumentRow(trx, platformId, key);
  });
}

/** Multiple Document DELETE (State only, 2.3.s5): every document of the scope. */
export async function deleteDocuments(db: Db, platformId: string, scope: DocumentScope): Promise<void> {
  await deleteDocumentRows(db, platformId, scope);
}

/**
 * Runs `decide` on the locked current version and stores what it returns. Two requests creating
 * the same document at once both find nothing to lock; the one whose insert loses starts again
 * and then sees, and locks, the winner's document.
 */
async function writeDocument(db: Db, platformId: string, key: DocumentKey, decide: (current: LrsDocumentRow | undefined) => DocumentContent): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const written = await db.transaction().execute(async (trx) => {
      const current = await findDocument(trx, platformId, key, { forUpdate: true });
      const next = decide(current);
      if (!current) return insertDocumentIfAbsent(trx, platformId, key, next);
      await updateDocument(trx, platformId, key, next);
      return true;
    });
    if (written) return;
  }
  throw new XapiError(409, 'The document was created and deleted by other requests while this one ran; send it again.');
}

function contentOf(contentType: string, content: Buffer): DocumentContent {
  return { contentType, content, etag: etagOf(content), updatedAt: new Date() };
}

function toDocument(row: LrsDocumentRow): StoredDocument {
  return { contentType: row.content_type, content: row.content, etag: row.etag, updatedAt: row.updated_at };
}

function isJsonType(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

function parseJsonObject(content: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch {
    throw new XapiError(400, `${what} is not valid JSON, so it cannot be merged.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new XapiError(400, `${what} is JSON but not a JSON object, so it cannot be merged.`);
  }
  return value as Record<string, unknown>;
}
