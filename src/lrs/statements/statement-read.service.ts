import type { AppContext } from '../../app-context.js';
import { loadAttachments, type AttachmentPart } from '../attachments/attachment.repository.js';
import { readsOnlyOwnStatements, type LrsPrincipal } from '../credentials/lrs-principal.js';
import { XapiError } from '../xapi/xapi-error.js';
import type { StoredStatement } from '../xapi/xapi.types.js';
import { formatStatement } from './statement-format.js';
import { findStatement, queryStatementRows, type StatementRecord } from './statement.repository.js';
import type { StatementFormat, StatementQuery } from './statement-query.js';

export interface StatementResult {
  statements: StoredStatement[];
  more: string;
}

export interface ReadOutcome<T> {
  body: T;
  parts: AttachmentPart[];
  lastModified: Date | undefined;
}

/**
 * GET ?statementId / ?voidedStatementId (Communication 2.1.3): a voided statement is only found
 * through voidedStatementId, any other only through statementId. A credential limited to
 * statements/read/mine finds only what it stored.
 */
export async function getStatement(
  ctx: AppContext,
  principal: LrsPrincipal,
  id: string,
  options: { voided: boolean; format: StatementFormat; attachments: boolean; languages: string[] },
): Promise<ReadOutcome<StoredStatement>> {
  const record = await findStatement(ctx.db, principal.platformId, id.toLowerCase(), ownOnly(principal));
  if (!record || record.voided !== options.voided) {
    throw new XapiError(404, options.voided ? `No voided statement ${id}.` : `No statement ${id}${record ? ' (it was voided; ask with voidedStatementId)' : ''}.`);
  }
  const statement = formatStatement(record.statement as StoredStatement, options.format, options.languages);
  const parts = options.attachments ? await attachmentsOf(ctx, principal, [record]) : [];
  return { body: statement, parts, lastModified: record.stored };
}

/** A page of statements, newest first, with `more` pointing at the next page when there is one (Data 2.5). */
export async function queryStatements(
  ctx: AppContext,
  principal: LrsPrincipal,
  query: StatementQuery,
  languages: string[],
  moreUrl: (afterSeq: string) => string,
): Promise<ReadOutcome<StatementResult>> {
  const filter = { ...query.filter, credentialId: ownOnly(principal) };
  const rows = await queryStatementRows(ctx.db, principal.platformId, filter, query.limit);
  const page = rows.slice(0, query.limit);
  const statements = page.map((r) => formatStatement(r.statement as StoredStatement, query.format, languages));
  const more = rows.length > query.limit ? moreUrl(page[page.length - 1]!.seq) : '';
  const parts = query.attachments ? await attachmentsOf(ctx, principal, page) : [];
  const lastModified = page.reduce<Date | undefined>((latest, r) => (!latest || r.stored > latest ? r.stored : latest), undefined);
  return { body: { statements, more }, parts, lastModified };
}

function ownOnly(principal: LrsPrincipal): string | undefined {
  return readsOnlyOwnStatements(principal) ? (principal.credentialId ?? undefined) : undefined;
}

async function attachmentsOf(ctx: AppContext, principal: LrsPrincipal, records: StatementRecord[]): Promise<AttachmentPart[]> {
  const hashes = [...new Set(records.flatMap((r) => r.attachment_hashes ?? []))];
  return hashes.length ? loadAttachments(ctx.db, principal.platformId, hashes) : [];
}
