import type { AppContext } from '../app-context.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { getPlatformView } from '../lti/platforms/platform.service.js';
import { deleteLaunchLogsBefore, deleteUnreferencedUsers } from '../lti/launch/learner-data.service.js';
import { deleteLearnerDocumentsBefore, deleteStatementsBefore } from '../lrs/learner-data.service.js';
import { deleteVideoViewsBefore } from '../video/tracking/learner-data.service.js';
import { deleteAttendanceBefore } from '../classroom/attendance/learner-data.service.js';
import { deleteScoresBefore } from '../grades/learner-data.service.js';
import { deleteAnalyticsBefore } from '../analytics/learner-data.service.js';
import { deleteAuditBefore, recordAudit } from './audit-log.service.js';
import { findRetentionRow, listPlatformsWithRetention, upsertRetentionRow, type RetentionColumn } from './retention.repository.js';

/** A platform's retention periods, in days (docs/data-protection.md says what each covers). */
export interface RetentionPeriods {
  statementsDays: number;
  videoViewsDays: number;
  attendanceDays: number;
  launchLogsDays: number;
}
export type RetentionKey = keyof RetentionPeriods;

const COLUMNS: Record<RetentionKey, RetentionColumn> = {
  statementsDays: 'statements_days',
  videoViewsDays: 'video_views_days',
  attendanceDays: 'attendance_days',
  launchLogsDays: 'launch_logs_days',
};
const KEYS = Object.keys(COLUMNS) as RetentionKey[];

export interface PlatformRetention {
  platformId: string;
  /** What applies. */
  periods: RetentionPeriods;
  /** The periods the platform set itself; the others are the operator's defaults. */
  own: Partial<RetentionPeriods>;
}

function resolve(platformId: string, row: Partial<Record<RetentionColumn, number | null>> | undefined, defaults: Config['retention']): PlatformRetention {
  const periods = { ...defaults } as RetentionPeriods & { auditLogDays?: number };
  delete periods.auditLogDays;
  const own: Partial<RetentionPeriods> = {};
  for (const key of KEYS) {
    const value = row?.[COLUMNS[key]];
    if (value != null) periods[key] = own[key] = value;
  }
  return { platformId, periods, own };
}

export async function getRetention(ctx: AppContext, platformId: string): Promise<PlatformRetention> {
  await getPlatformView(ctx.db, platformId);
  return resolve(platformId, await findRetentionRow(ctx.db, platformId), ctx.config.retention);
}

/** Sets some of a platform's periods (null: back to the default); the others stay. */
export async function setRetention(ctx: AppContext, platformId: string, changes: Partial<Record<RetentionKey, number | null>>): Promise<PlatformRetention> {
  await getPlatformView(ctx.db, platformId);
  const values: Partial<Record<RetentionColumn, number | null>> = {};
  for (const key of KEYS) if (changes[key] !== undefined) values[COLUMNS[key]] = changes[key];
  if (Object.keys(values).length) await upsertRetentionRow(ctx.db, platformId, values);
  return getRetention(ctx, platformId);
}

/** Rows per delete: small enough that PGlite, one process for everything, answers requests in between. */
export const RETENTION_BATCH = 1000;
/** Batches per table and run: a backlog (a first run on years of traces) drains over several runs. */
const MAX_BATCHES = 20;

export type RetentionOutcome = Record<string, number>;

/**
 * Deletes what is older than each platform's periods, in bounded batches, then the audit log
 * past its own period. Called by housekeeping; returns the rows deleted per kind. Each platform
 * whose rows went gets an audit row (actor `system`): the DPO sees that retention runs.
 */
export async function applyRetention(ctx: AppContext, now: Date, batch = RETENTION_BATCH): Promise<RetentionOutcome> {
  const outcome: RetentionOutcome = {};
  const add = (kind: string, n: number) => (outcome[kind] = (outcome[kind] ?? 0) + n);
  for (const row of await listPlatformsWithRetention(ctx.db)) {
    const { periods } = resolve(row.id, row, ctx.config.retention);
    const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const tasks: [string, (db: Db) => Promise<number>][] = [
      ['statements', (db) => deleteStatementsBefore(db, row.id, before(periods.statementsDays), batch)],
      ['documents', (db) => deleteLearnerDocumentsBefore(db, row.id, before(periods.statementsDays), batch)],
      ['scores', (db) => deleteScoresBefore(db, row.id, before(periods.statementsDays), batch)],
      ['analytics', (db) => deleteAnalyticsBefore(db, row.id, before(periods.statementsDays), batch)],
      ['videoViews', (db) => deleteVideoViewsBefore(db, row.id, before(periods.videoViewsDays), batch)],
      ['attendance', (db) => deleteAttendanceBefore(db, row.id, before(periods.attendanceDays), batch)],
      ['launchLogs', (db) => deleteLaunchLogsBefore(db, row.id, before(periods.launchLogsDays), batch)],
      // Last: a profile goes once the rows above that referred to it are gone.
      ['users', (db) => deleteUnreferencedUsers(db, row.id, before(periods.launchLogsDays), batch)],
    ];
    const deleted: Record<string, number> = {};
    for (const [kind, task] of tasks) {
      const n = await drain(ctx.db, task, batch);
      add(kind, n);
      if (n) deleted[kind] = n;
    }
    if (Object.keys(deleted).length) await recordAudit(ctx.db, { actor: 'system', platformId: row.id, action: 'retention-applied', details: { periods, deleted } });
  }
  add('auditLog', await drain(ctx.db, (db) => deleteAuditBefore(db, new Date(now.getTime() - ctx.config.retention.auditLogDays * 86_400_000), batch), batch));
  return outcome;
}

async function drain(db: Db, task: (db: Db) => Promise<number>, batch: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await task(db);
    total += n;
    if (n < batch) break;
  }
  return total;
}
