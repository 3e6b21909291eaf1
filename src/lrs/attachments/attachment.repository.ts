import type { Db } from '../../db/database.js';
import type { AttachmentPart } from './attachment-part.js';

export type { AttachmentPart } from './attachment-part.js';

/**
 * All SQL of attachment data (lrs_attachments). Data is kept once per platform and hash, as
 * statements refer to it by sha2 only (Communication 1.5.2), so the same file attached to many
 * statements is stored once. Hashes are stored lower-cased: hex is compared without case.
 */

/** Rows per statement: 5 parameters a row stays far below PostgreSQL's 65,535. */
const CHUNK = 1000;

/** Inserts the data of each hash not stored yet for the platform; a transaction may be passed. */
export async function saveAttachments(db: Db, platformId: string, parts: AttachmentPart[]): Promise<void> {
  const unique = new Map(parts.map((p) => [p.sha2.toLowerCase(), p]));
  // In hash order: two requests with the same attachments lock them in the same order (no deadlock).
  const rows = [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sha2, p]) => ({
    platform_id: platformId,
    sha2,
    content_type: p.contentType,
    length: p.content.length,
    content: p.content,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('lrs_attachments')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['platform_id', 'sha2']).doNothing())
      .execute();
  }
}

/** The stored data of these hashes for the platform; hashes with no data (fileUrl only) are left out. */
export async function loadAttachments(db: Db, platformId: string, sha2s: string[]): Promise<AttachmentPart[]> {
  const wanted = [...new Set(sha2s.map((s) => s.toLowerCase()))];
  const parts: AttachmentPart[] = [];
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await db
      .selectFrom('lrs_attachments')
      .select(['sha2', 'content_type', 'content'])
      .where('platform_id', '=', platformId)
      .where('sha2', 'in', wanted.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) parts.push({ sha2: row.sha2, contentType: row.content_type, content: asBuffer(row.content) });
  }
  return parts;
}

/** PGlite returns bytea as a Uint8Array, node-postgres as a Buffer. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
