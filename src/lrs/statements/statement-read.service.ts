import type { AppContext } from '../../app-context.js';
import { loadAttachments, type AttachmentPart } from '../attachments/attachment.repository.js';
import { readsOnlyOwnStatements, type LrsPrincipal } from '../credentials/lrs-principal.js';
import { XapiError } from '../xapi/xapi-error.js';
import type { StoredStatement } from '../xapi/xapi.types.js';
import { formatStatement } from './statement-format.js';
import { findStatement, queryStatementRows, type StatementRecord } from './statement.repository.js';
import type { PageCursor, StatementFormat, StatementQuery } from './statement-query.js';

/** A read's answer: `json` is the body already serialised (statements are spliced, not re-encoded). */
export interface ReadOutcome {
  json: string;
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
): Promise<ReadOutcome> {
  const record = await findStatement(ctx.db, principal.platformId, id.toLowerCase(), ownOnly(principal));
  if (!record || record.voided !== options.voided) {
    throw new XapiError(404, options.voided ? `No voided statement ${id}.` : `No statement ${id}${record ? ' (it was voided; ask with voidedStatementId)' : ''}.`);
  }
  const parts = options.attachments ? await attachmentsOf(ctx, principal, [record]) : [];
  return { json: statementJson(record, options.format, options.languages), parts, lastModified: record.stored };
}

/** A page of statements in stored order, with `more` pointing at the next page when there is one (Data 2.5). */
export async function queryStatements(
  ctx: AppContext,
  principal: LrsPrincipal,
  query: StatementQuery,
  languages: string[],
  moreUrl: (after: PageCursor) => string,
): Promise<ReadOutcome> {
  const filter = { ...query.filter, credentialId: ownOnly(principal) };
  const rows = await queryStatementRows(ctx.db, principal.platformId, filter, query.limit);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const more = rows.length > query.limit && last ? moreUrl({ stored: new Date(last.stored).toISOString(), seq: last.seq }) : '';
  const parts = query.attachments ? await attachmentsOf(ctx, principal, page) : [];
  const lastModified = page.reduce<Date | undefined>((latest, r) => (!latest || r.stored > latest ? r.stored : latest), undefined);
  const statements = page.map((r) => statementJson(r, query.format, languages)).join(',');
  return { json: `{"statements":[${statements}],"more":${JSON.stringify(more)}}`, parts, lastModified };
}

/** The exact format is the stored text as it is; ids and canonical reshape the statement. */
function statementJson(record: StatementRecord, format: StatementFormat, languages: string[]): string {
  if (format === 'exact') return record.statement;
  return JSON.stringify(formatStatement(JSON.parse(record.statement) as StoredStatement, format, languages));
}

function ownOnly(principal: LrsPrincipal): string | undefined {
  return readsOnlyOwnStatements(principal) ? (principal.credentialId ?? undefined) : undefined;
}

async function attachmentsOf(ctx: AppContext, principal: LrsPrincipal, records: StatementRecord[]): Promise<AttachmentPart[]> {
  const hashes = [...new Set(records.flatMap((r) => r.attachment_hashes ?? []))];
  return hashes.length ? loadAttachments(ctx.db, principal.platformId, hashes) : [];
}
