import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import { upsertActivityDefinitions } from '../activities/activity.service.js';
import type { Activity, Actor, Statement, StoredStatement } from '../xapi/xapi.types.js';
import { collectActivities } from './statement-activities.js';
import { statementRow } from './statement-row.js';
import { appendStatementRows } from './statement.repository.js';
import type { LrsStatementsTable } from './statement.table.js';

/** Who stored a statement: its authority and credential (null for Amphi's own), as the store sets them. */
export interface StatementSource {
  authority: Actor;
  credentialId: string | null;
}

/** A statement with its id and timestamp, waiting for the time the LRS stores it. */
export interface PendingStatement {
  statement: Statement & { id: string; timestamp: string };
  source: StatementSource;
  /** When the producer's request reaches the LRS (ms): a callback after the meeting, Moodle's next cron run. */
  storedAt: number;
  /** A later voiding statement targets it: stored voided, as the voiding's transaction leaves it. */
  voided?: boolean;
}

/**
 * Backfills a history of statements (`amphi demo`'s term of traces): unlike storeStatements,
 * which stamps every statement with the time it arrives, each is stored at the past time given.
 * Writes statements in `stored` order, as the store would have stored them: each becomes the
 * stored statement storeStatements prepares (stored, authority, version 1.0.0) and the row
 * statementRow builds, inserted many rows per INSERT, many INSERTs per transaction. The next
 * transaction's rows are built while the previous one is written, never two written at once,
 * so `seq` follows `stored`.
 */
export class StatementWriter {
  private pending: PendingStatement[] = [];
  private rows: Insertable<LrsStatementsTable>[] = [];
  private writing: Promise<void> = Promise.resolve();
  private lastStored = 0;
  private readonly activities = new Map<string, Activity>();
  written = 0;

  constructor(
    private readonly db: Db,
    private readonly platformId: string,
    private readonly limits: { rowsPerInsert: number; rowsPerTransaction: number; end: number },
    private readonly onProgress: ((p: { statements: number }) => void) | null,
  ) {}

  add(p: PendingStatement): void {
    this.pending.push(p);
  }

  /** Stores everything due before `until` (ms): nothing produced later can be stored before it. */
  async storeBefore(until: number): Promise<void> {
    this.pending.sort((a, b) => a.storedAt - b.storedAt);
    let due = 0;
    while (due < this.pending.length && this.pending[due]!.storedAt < until) due++;
    const now = this.pending.splice(0, due);
    for (const p of now) this.rows.push(this.rowOf(p));
    if (this.rows.length >= this.limits.rowsPerTransaction) await this.startWrite();
  }

  /** Stores what is left; returns how many statements were written in all. */
  async finish(): Promise<number> {
    await this.storeBefore(Infinity);
    await this.startWrite();
    await this.writing;
    // One definition per activity, as the store's upsert merges them; in slices to bound the JSON parameter.
    const all = [...this.activities.values()];
    for (let i = 0; i < all.length; i += 5000) await upsertActivityDefinitions(this.db, this.platformId, all.slice(i, i + 5000));
    return this.written;
  }

  private rowOf(p: PendingStatement): Insertable<LrsStatementsTable> {
    // The store never stores in the future; `stored` never goes back, so seq order is stored order.
    const storedAt = Math.max(this.lastStored, Math.min(p.storedAt, this.limits.end));
    this.lastStored = storedAt;
    const stored: StoredStatement = { ...p.statement, stored: new Date(storedAt).toISOString(), authority: p.source.authority, version: '1.0.0' };
    for (const a of collectActivities([stored])) if (a.definition && !this.activities.has(a.id)) this.activities.set(a.id, a);
    const row = statementRow(this.platformId, stored, p.source.credentialId);
    return p.voided ? { ...row, voided: true } : row;
  }

  private async startWrite(): Promise<void> {
    await this.writing;
    const rows = this.rows;
    this.rows = [];
    if (!rows.length) return;
    this.writing = this.write(rows);
    // Awaited by the next write or finish(); a failure surfaces there, not as an unhandled rejection.
    this.writing.catch(() => {});
  }

  private async write(rows: Insertable<LrsStatementsTable>[]): Promise<void> {
    const size = this.limits.rowsPerInsert;
    await this.db.transaction().execute((trx) => appendStatementRows(trx, rows, size));
    this.written += rows.length;
    this.onProgress?.({ statements: this.written });
  }
}
