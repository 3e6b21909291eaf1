import crypto from 'node:crypto';
import type { DocumentKind } from './document.table.js';

/**
 * Where a document lives (xAPI 1.0.3 Communication 2.2): a State in the context of an Activity,
 * an Agent and maybe a registration (2.3), an Activity Profile in an Activity (2.7), an Agent
 * Profile in an Agent (2.6). Parts a kind does not have are ''. The platform is not part of the
 * scope: every query takes it separately, so one platform never reaches another's documents.
 */
export interface DocumentScope {
  kind: DocumentKind;
  activityId: string;
  /** agentKey() of the Agent. */
  agentKey: string;
  /** Lower-case UUID, or '' for none. */
  registration: string;
}

/** One document: its scope and its stateId / profileId. */
export interface DocumentKey {
  scope: DocumentScope;
  documentId: string;
}

export const stateScope = (activityId: string, agentKey: string, registration: string): DocumentScope => ({
  kind: 'state',
  activityId,
  agentKey,
  registration,
});

export const activityProfileScope = (activityId: string): DocumentScope => ({
  kind: 'activity-profile',
  activityId,
  agentKey: '',
  registration: '',
});

export const agentProfileScope = (agentKey: string): DocumentScope => ({
  kind: 'agent-profile',
  activityId: '',
  agentKey,
  registration: '',
});

/** The indexed form of a scope: SHA-256 of its parts, unambiguous whatever they contain. */
export function scopeHash(scope: DocumentScope): string {
  const parts = JSON.stringify([scope.kind, scope.activityId, scope.agentKey, scope.registration]);
  return crypto.createHash('sha256').update(parts).digest('hex');
}
