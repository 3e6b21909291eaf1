import type { Db } from '../db/database.js';
import { configuredSinks, indexName, type LrsSinksConfig, type SinkName } from './sinks/sink-config.js';
import { agentKey } from './xapi/agent-key.js';
import { ltiActor } from './xapi/lti-actor.js';
import {
  deleteLearnerLrsRows,
  deletePersonalDocumentsBefore,
  deleteStatementsStoredBefore,
  findLearnerDocuments,
  findLearnerStatementIds,
  findLearnerStatements,
  findOutboxRows,
  type LrsErasedCounts,
} from './learner-data.repository.js';

/**
 * A learner's data in the LRS, for data protection requests (src/privacy) and retention.
 * xAPI statements are immutable and voiding keeps them stored (Data 2.3.2): erasure deletes them.
 */

/**
 * Every agent key an LTI user may have had on this platform: the pseudonymous account (issuer and
 * sub) and, for each address the platform ever sent, the mbox of the `email` identity mode, since
 * the platform's mode may have changed while the statements were written.
 */
export function learnerAgentKeys(issuer: string, sub: string, emails: (string | null | undefined)[]): string[] {
  const keys = new Set<string>([agentKey(ltiActor({ issuer, lrsIdentity: 'pseudonymous' }, { sub }))!]);
  for (const email of emails) if (email) keys.add(agentKey(ltiActor({ issuer, lrsIdentity: 'email' }, { sub, email }))!);
  return [...keys];
}

/** Where the statements of a sink went, and which of the learner's statements it received. */
export interface ForwardedCopies {
  sink: SinkName;
  destination: string;
  statementIds: string[];
}

export interface LrsLearnerExport {
  statements: { id: string; stored: Date; voided: boolean; statement: unknown }[];
  documents: { kind: string; documentId: string; activityId: string; registration: string; contentType: string; updatedAt: Date; content: string; encoding: 'utf8' | 'base64' }[];
  forwarded: ForwardedCopies[];
}

export async function exportLrsLearnerData(db: Db, platformId: string, agentKeys: string[], sinks: LrsSinksConfig): Promise<LrsLearnerExport> {
  const statements = await findLearnerStatements(db, platformId, agentKeys);
  const documents = await findLearnerDocuments(db, platformId, agentKeys);
  return {
    statements: statements.map((s) => ({ id: s.id, stored: s.stored, voided: s.voided, statement: s.statement })),
    documents: documents.map((d) => {
      const text = /json|^text\//i.test(d.content_type);
      return {
        kind: d.kind,
        documentId: d.document_id,
        activityId: d.activity_id,
        registration: d.registration,
        contentType: d.content_type,
        updatedAt: d.updated_at,
        content: Buffer.from(d.content).toString(text ? 'utf8' : 'base64'),
        encoding: text ? 'utf8' : 'base64',
      };
    }),
    forwarded: await forwardedCopies(db, platformId, statements.map((s) => s.id), sinks),
  };
}

export interface LrsErasure {
  counts: LrsErasedCounts;
  forwarded: ForwardedCopies[];
}

/** Deletes the learner's statements, documents, attachments and pending forwards; lists the copies already forwarded. */
export async function eraseLrsLearnerData(db: Db, platformId: string, agentKeys: string[], sinks: LrsSinksConfig): Promise<LrsErasure> {
  // Only the ids, and only when something was forwarded: the rows themselves are about to go.
  const ids = configuredSinks(sinks).length ? await findLearnerStatementIds(db, platformId, agentKeys) : [];
  const forwarded = await forwardedCopies(db, platformId, ids, sinks);
  return { counts: await deleteLearnerLrsRows(db, platformId, agentKeys), forwarded };
}

/**
 * A statement leaves the outbox once its sink has it, so of the learner's statements, those with
 * no outbox row for a configured sink were sent to it (or stored before that sink was set up,
 * which Amphi cannot tell apart: the list errs on the side of naming too many).
 */
async function forwardedCopies(db: Db, platformId: string, statementIds: string[], sinks: LrsSinksConfig): Promise<ForwardedCopies[]> {
  const names = configuredSinks(sinks);
  if (names.length === 0 || statementIds.length === 0) return names.map((sink) => ({ sink, destination: destinationOf(sinks, sink, platformId), statementIds: [] }));
  const notSent = new Set((await findOutboxRows(db, platformId, statementIds)).map((r) => `${r.sink}\u0000${r.statement_id}`));
  return names.map((sink) => ({
    sink,
    destination: destinationOf(sinks, sink, platformId),
    statementIds: statementIds.filter((id) => !notSent.has(`${sink}\u0000${id}`)),
  }));
}

function destinationOf(sinks: LrsSinksConfig, sink: SinkName, platformId: string): string {
  if (sink === 'elasticsearch') return `${sinks.elasticsearch!.url} index ${indexName(sinks.elasticsearch!.index, platformId)}`;
  return sinks.xapi!.url;
}

/** Retention: statements stored before `cutoff`, at most `limit` per call. */
export function deleteStatementsBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deleteStatementsStoredBefore(db, platformId, cutoff, limit);
}

/** Retention: State and Agent Profile documents untouched since `cutoff`, at most `limit` per call. */
export function deleteLearnerDocumentsBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deletePersonalDocumentsBefore(db, platformId, cutoff, limit);
}
