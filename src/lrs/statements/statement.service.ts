import crypto from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AppContext } from '../../app-context.js';
import { saveAttachments, type AttachmentPart } from '../attachments/attachment.repository.js';
import { upsertActivityDefinitions } from '../activities/activity.service.js';
import { allows, type LrsPrincipal } from '../credentials/lrs-principal.js';
import { enqueueForwarding } from '../sinks/forwarding.service.js';
import { XapiError } from '../xapi/xapi-error.js';
import type { Statement, StoredStatement } from '../xapi/xapi.types.js';
import { collectActivities } from './statement-activities.js';
import { announceStoring, beginStoring } from './consistent-through.js';
import { statementsMatch } from './statement-compare.js';
import { findStatementsByIds, insertStatementRows } from './statement.repository.js';
import { applyVoiding } from './voiding.js';
import { statementRow } from './statement-row.js';
import type { LrsStatementsTable } from './statement.table.js';
import { mapInSlices } from './cooperative.js';

/**
 * Stores valid statements, all or none (Communication 2.1.2): the LRS sets id, stored, timestamp,
 * authority and version (Data 2.4); an id already stored with the same content is a no-op, with
 * other content a 409 and nothing of the batch is kept; voiding statements void their target,
 * a 403 for the whole batch when the principal may not void it (voiding.ts);
 * attachments, activity definitions and the forwarding outbox are written in the same transaction.
 * Amphi's own modules call this too, with a principal of their own (no HTTP).
 */
export async function storeStatements(
  ctx: AppContext,
  principal: LrsPrincipal,
  statements: Statement[],
  parts: AttachmentPart[] = [],
  options: { xapiVersion?: '1.0.3' | '2.0.0' } = {},
): Promise<string[]> {
  const ids = statements.map((s) => (s.id ?? crypto.randomUUID()).toLowerCase());
  if (new Set(ids).size !== ids.length) throw new XapiError(400, 'Two statements of the batch have the same id.');
  // Data 2.4.10: a statement without version gets 1.0.0 (xAPI 2.0: 2.0.0 when sent as 2.0).
  const defaultVersion = options.xapiVersion === '2.0.0' ? '2.0.0' : '1.0.0';
  // The JSON text of each row holds `stored` and is most of the work: built in slices.
  const build = async (stored: Date): Promise<Batch> => {
    const storedText = stored.toISOString();
    const prepared = await mapInSlices(statements, (s, i) => prepareStatement(s, ids[i]!, principal, storedText, defaultVersion));
    const rows = await mapInSlices(prepared, (s) => statementRow(principal.platformId, s, principal.credentialId));
    return { prepared, rows };
  };
  const committed = await retryOnDeadlock(() => storeAtStoredTime(ctx, build, (trx, batch) => writeBatch(trx, ctx, principal, batch, parts)));
  committed();
  ctx.lrsForwarding.wake();
  ctx.metrics.lrsStatementsIngested.inc({ source: statementSource(principal) }, statements.length);
  return ids;
}

/** For metrics: a client of the LRS (a credential), Amphi's own modules, or what a page reported (no `define`). */
function statementSource(principal: LrsPrincipal): 'client' | 'amphi' | 'page' {
  if (principal.credentialId !== null) return 'client';
  return allows(principal, 'activities/define') ? 'amphi' : 'page';
}

interface Batch {
  prepared: StoredStatement[];
  rows: Insertable<LrsStatementsTable>[];
}

/**
 * When a batch takes its `stored` time, so that Consistent-Through never passes it before the
 * batch is visible (consistent-through.ts). PostgreSQL: first thing in the transaction, which
 * announces it to every process; the rows are built after. PGlite: before building the rows,
 * registered in this process, the one that owns the database: building them outside the
 * transaction keeps its one connection free for other requests meanwhile.
 */
async function storeAtStoredTime<T>(ctx: AppContext, build: (stored: Date) => Promise<Batch>, write: (trx: Trx, batch: Batch) => Promise<T>): Promise<T> {
  if (ctx.engine === 'postgres') {
    return ctx.db.transaction().execute(async (trx) => write(trx, await build(await announceStoring(trx))));
  }
  const storedAt = Date.now();
  const done = beginStoring(ctx.db, storedAt);
  try {
    const batch = await build(new Date(storedAt));
    return await ctx.db.transaction().execute((trx) => write(trx, batch));
  } finally {
    done();
  }
}

/**
 * In the batch's transaction: the statements, then for the new ones voiding, attachments,
 * activity definitions and the forwarding outbox. Returns what to do once it has committed.
 */
async function writeBatch(trx: Trx, ctx: AppContext, principal: LrsPrincipal, { prepared, rows }: Batch, parts: AttachmentPart[]): Promise<() => void> {
  const inserted = await insertStatementRows(trx, rows, ROWS_PER_INSERT_ON[ctx.engine]);
  if (inserted.size < prepared.length) await checkSameAsStored(trx, principal.platformId, prepared.filter((s) => !inserted.has(s.id)));
  const fresh = prepared.filter((s) => inserted.has(s.id));
  if (fresh.length === 0) return () => {};
  await applyVoiding(trx, principal, prepared, fresh);
  if (parts.length) await saveAttachments(trx, principal.platformId, parts);
  const definitionsStored = await upsertActivityDefinitions(trx, principal.platformId, collectActivities(fresh), {
    mayRedefine: allows(principal, 'activities/define'),
    cacheKey: ctx,
  });
  await enqueueForwarding(trx, ctx, principal.platformId, fresh.map((s) => s.id));
  return definitionsStored;
}

/**
 * PostgreSQL works in its own process while the loop is free: the INSERT's size only bounds the
 * JavaScript that builds its parameters (~25 µs a row). PGlite runs each INSERT on the event loop
 * itself, ~0.1–0.5 ms a row: 100 rows keep every other request's wait to tens of ms.
 */
const ROWS_PER_INSERT_ON = { postgres: 250, pglite: 100 } as const;

type Trx = Transaction<Database>;

/**
 * Two batches sharing statement ids in different orders (a client retrying a reordered batch)
 * can deadlock on PostgreSQL; one of them is rolled back and simply runs again. Rows keep the
 * batch's order (it is the order of statements stored at the same instant), so no sorting.
 */
async function retryOnDeadlock<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code !== '40P01' && code !== '40001') || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

function prepareStatement(statement: Statement, id: string, principal: LrsPrincipal, stored: string, defaultVersion: string): StoredStatement {
  return {
    ...statement,
    id,
    timestamp: statement.timestamp ?? stored,
    stored,
    authority: principal.authority,
    version: statement.version ?? defaultVersion,
  };
}

/** Communication 2.1.1: the same id again must be the same statement (Data 2.3 comparison), else 409. */
async function checkSameAsStored(trx: Trx, platformId: string, again: StoredStatement[]): Promise<void> {
  const existing = new Map((await findStatementsByIds(trx, platformId, again.map((s) => s.id))).map((r) => [r.id, r.statement as Statement]));
  await mapInSlices(again, (s) => {
    const before = existing.get(s.id);
    if (before && !statementsMatch(before, s)) {
      throw new XapiError(409, `Statement ${s.id} is already stored with different content; a statement cannot be changed (void it instead).`);
    }
  });
}
