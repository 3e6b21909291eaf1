import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditLogRow } from './privacy.table.js';

export interface AuditInsert {
  actor: string;
  platformId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

export async function insertAuditRow(db: Db, entry: AuditInsert): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ actor: entry.actor, platform_id: entry.platformId, action: entry.action, target: entry.target, details: JSON.stringify(entry.details) })
    .execute();
}

/** The newest rows first. */
export function selectAuditRows(db: Db, filter: { platformId?: string | undefined; limit: number }): Promise<AuditLogRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.platformId) q = q.where('platform_id', '=', filter.platformId);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** At most `limit` rows older than `cutoff`; returns how many went. */
export async function deleteAuditRowsBefore(db: Db, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from audit_log where id in (select id from audit_log where at < ${cutoff} order by at limit ${limit}) returning 1
    )
    select count(*)::text as n from gone`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
