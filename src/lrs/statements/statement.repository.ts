import { sql, type Insertable, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { LrsStatementsTable } from './statement.table.js';
import type { StatementFilter } from './statement-query.js';
import { yieldToEventLoop } from './cooperative.js';

export type DbOrTrx = Db | Transaction<Database>;

/**
 * Rows per INSERT: 16 columns each, well under PostgreSQL's 65,535 bind parameters. Between two
 * INSERTs the event loop is let go (cooperative.ts): where the database runs in this thread
 * (PGlite), one INSERT holds it the whole time it runs, so PGlite's are smaller (statement.service.ts).
 */
const ROWS_PER_INSERT = 1000;

/** Inserts the rows; returns the ids that were new (an id already stored is left as it is). */
export async function insertStatementRows(db: DbOrTrx, rows: Insertable<LrsStatementsTable>[], rowsPerInsert = ROWS_PER_INSERT): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    if (i > 0) await yieldToEventLoop();
    const inserted = await db
      .insertInto('lrs_statements')
      .values(rows.slice(i, i + rowsPerInsert))
      .onConflict((oc) => oc.columns(['platform_id', 'id']).doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) ids.add(r.id);
  }
  return ids;
}

/** Inserts rows known to be new, many per INSERT, without asking back (a backfill into an empty history). */
export async function appendStatementRows(db: DbOrTrx, rows: Insertable<LrsStatementsTable>[], rowsPerInsert: number): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerInsert) await db.insertInto('lrs_statements').values(rows.slice(i, i + rowsPerInsert)).execute();
}

export async function findStatementsByIds(db: DbOrTrx, platformId: string, ids: string[]): Promise<{ id: string; statement: unknown }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('lrs_statements').select(['id', 'statement']).where('platform_id', '=', platformId).where('id', 'in', ids).execute();
}

/** Who stored each of these statements (credential id, null for Amphi's own), among those a voiding would void. */
export async function findVoidableStatements(db: DbOrTrx, platformId: string, ids: string[]): Promise<{ id: string; credential_id: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('lrs_statements')
    .select(['id', 'credential_id'])
    .where('platform_id', '=', platformId)
    .where('id', 'in', ids)
    .where('is_voiding', '=', false)
    .execute();
}

/**
 * Voids these statements, unless they are voiding statements themselves (Data 2.3.2). The ids are
 * those the caller checked (voiding.ts), not every target a voiding statement names.
 */
export async function voidStatements(db: DbOrTrx, platformId: string, targetIds: string[]): Promise<void> {
  if (targetIds.length === 0) return;
  await db
    .updateTable('lrs_statements')
    .set({ voided: true })
    .where('platform_id', '=', platformId)
    .where('id', 'in', targetIds)
    .where('is_voiding', '=', false)
    .execute();
}

/**
 * A stored statement as read back. `statement` is the JSON text as the database has it: a page
 * in the exact format is spliced from these texts without parsing and re-serialising each one.
 */
export interface StatementRecord {
  seq: string;
  statement: string;
  voided: boolean;
  stored: Date;
  attachment_hashes: string[] | null;
}

const RECORD_COLUMNS = sql`s.seq::text as seq, s.statement::text as statement, s.voided, s.stored, s.attachment_hashes`;

export async function findStatement(db: DbOrTrx, platformId: string, id: string, credentialId: string | undefined): Promise<StatementRecord | undefined> {
  const mine = credentialId ? sql`and s.credential_id = ${credentialId}` : sql``;
  const { rows } = await sql<StatementRecord>`
    select ${RECORD_COLUMNS} from lrs_statements s where s.platform_id = ${platformId} and s.id = ${id} ${mine}`.execute(db);
  return rows[0];
}

/**
 * One page of a statement query (Communication 2.1.3), newest first unless ascending; `limit + 1`
 * rows are read so the caller knows whether there is a next page. Voided statements never match.
 *
 * A statement whose object is a StatementRef matches the non-time filters when the statement it
 * targets does, recursively (Communication 2.1.4 "Filter Conditions for StatementRefs"): the
 * voiding statement of a viewed statement is found by verb=viewed. Those are read by a second
 * query over the (rare) StatementRef statements, so the main query stays one ordered index range.
 */
export async function queryStatementRows(db: DbOrTrx, platformId: string, filter: StatementFilter, limit: number): Promise<StatementRecord[]> {
  const direct = await selectPage(db, platformId, filter, limit, matchConditions(filter, sql.ref('s')));
  if (!hasTargetFilter(filter)) return direct;
  const targeting = await selectPage(db, platformId, filter, limit, [sql<boolean>`s.id in (${targetingStatements(platformId, filter)})`]);
  if (targeting.length === 0) return direct;
  const bySeq = new Map([...direct, ...targeting].map((r) => [r.seq, r]));
  const order = filter.ascending ? 1 : -1;
  return [...bySeq.values()].sort((a, b) => order * compareStoredOrder(a, b)).slice(0, limit + 1);
}

function selectPage(db: DbOrTrx, platformId: string, filter: StatementFilter, limit: number, conditions: RawBuilder<boolean>[]) {
  const where = [sql<boolean>`s.platform_id = ${platformId}`, sql<boolean>`not s.voided`, ...timeConditions(filter), ...conditions];
  const direction = filter.ascending ? sql`asc` : sql`desc`;
  return sql<StatementRecord>`
    select ${RECORD_COLUMNS} from lrs_statements s
    where ${sql.join(where, sql` and `)}
    order by s.stored ${direction}, s.seq ${direction}
    limit ${limit + 1}`
    .execute(db)
    .then((r) => r.rows);
}

/** The StatementRef statements whose target (or target's target…) matches the filters, voided targets included. */
function targetingStatements(platformId: string, filter: StatementFilter): RawBuilder<unknown> {
  const onTarget = matchConditions(filter, sql.ref('target'));
  return sql`
    with recursive refs(id) as (
      select t.id from lrs_statements t
        join lrs_statements target on target.platform_id = t.platform_id and target.id = t.object_statement_id
        where t.platform_id = ${platformId} and t.object_statement_id is not null and ${sql.join(onTarget, sql` and `)}
      union
      select t.id from lrs_statements t join refs on t.object_statement_id = refs.id
        where t.platform_id = ${platformId} and t.object_statement_id is not null
    )
    select id from refs`;
}

function hasTargetFilter(f: StatementFilter): boolean {
  return f.agent !== undefined || f.verb !== undefined || f.activity !== undefined || f.registration !== undefined;
}

/** agent, verb, activity, registration (and the read/mine restriction) on the statement aliased `t`. */
function matchConditions(f: StatementFilter, t: RawBuilder<unknown>): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [];
  if (f.agent !== undefined) {
    c.push(f.relatedAgents ? sql<boolean>`${t}.related_agents @> array[${f.agent}]::text[]` : sql<boolean>`(${t}.actor_key = ${f.agent} or ${t}.object_agent_key = ${f.agent})`);
  }
  if (f.verb !== undefined) c.push(sql<boolean>`${t}.verb_id = ${f.verb}`);
  if (f.activity !== undefined) {
    c.push(f.relatedActivities ? sql<boolean>`${t}.related_activities @> array[${f.activity}]::text[]` : sql<boolean>`${t}.object_activity_id = ${f.activity}`);
  }
  if (f.registration !== undefined) c.push(sql<boolean>`${t}.registration = ${f.registration}`);
  return c;
}

/** since, until, the paging cursor and read/mine apply to the returned statement itself. */
function timeConditions(f: StatementFilter): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [];
  if (f.since !== undefined) c.push(sql<boolean>`s.stored > ${f.since}`);
  if (f.until !== undefined) c.push(sql<boolean>`s.stored <= ${f.until}`);
  if (f.credentialId !== undefined) c.push(sql<boolean>`s.credential_id = ${f.credentialId}`);
  if (f.after !== undefined) {
    const after = sql`(${new Date(f.after.stored)}::timestamptz, ${f.after.seq}::bigint)`;
    c.push(f.ascending ? sql<boolean>`(s.stored, s.seq) > ${after}` : sql<boolean>`(s.stored, s.seq) < ${after}`);
  }
  return c;
}

function compareStoredOrder(a: StatementRecord, b: StatementRecord): number {
  const byStored = new Date(a.stored).getTime() - new Date(b.stored).getTime();
  if (byStored !== 0) return byStored;
  const x = BigInt(a.seq);
  const y = BigInt(b.seq);
  return x < y ? -1 : x > y ? 1 : 0;
}
