import os from 'node:os';
import type { Db } from '../db/database.js';
import { deleteAuditRowsBefore, insertAuditRow, selectAuditRows } from './audit-log.repository.js';

/**
 * The audit log: who did which administrative action, when, on which platform (GDPR art. 5(2),
 * accountability; docs/data-protection.md). Written after the action succeeded, so that it lists
 * what was done, not what was tried.
 */

export interface AuditEntry {
  /** `cli:<system user>`, `lti:<lti_users.id>` for an administrator on the admin page, or `system`. */
  actor: string;
  platformId?: string | null;
  /** The admin command's name (`platform-add`, `gdpr-erase`…) or the page action's. */
  action: string;
  /** What the action was about when it is not the platform itself: a learner's sub, a job id. */
  target?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  id: string;
  at: Date;
  actor: string;
  platformId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** Records one administrative action (the admin page calls this with actor `lti:<user id>`). */
export function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  return insertAuditRow(db, {
    actor: entry.actor,
    platformId: entry.platformId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    details: withoutSecrets(entry.details ?? {}) as Record<string, unknown>,
  });
}

export async function listAudit(db: Db, filter: { platformId?: string | undefined; limit?: number | undefined }): Promise<AuditRecord[]> {
  const rows = await selectAuditRows(db, { platformId: filter.platformId, limit: filter.limit ?? 100 });
  return rows.map((r) => ({ id: String(r.id), at: r.at, actor: r.actor, platformId: r.platform_id, action: r.action, target: r.target, details: r.details }));
}

/** The operator running a CLI command (or the server it went through, which runs as the same account). */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** Retention of the audit log itself: rows older than `cutoff`, at most `limit` per call. */
export function deleteAuditBefore(db: Db, cutoff: Date, limit: number): Promise<number> {
  return deleteAuditRowsBefore(db, cutoff, limit);
}

const SECRET_NAME = /secret|password|token|private|api[-_]?key|authorization|checksum/i;

/** A copy of the arguments with every value under a secret-sounding name replaced, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) ? '[redacted]' : withoutSecrets(v)]));
  }
  return value;
}
