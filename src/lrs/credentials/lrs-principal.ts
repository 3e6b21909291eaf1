import type { Agent, Group } from '../xapi/xapi.types.js';

/** Scopes of xAPI 1.0.3 Communication 4.2 (OAuth scopes), given to a Basic credential. */
export const LRS_SCOPES = ['statements/write', 'statements/read/mine', 'statements/read', 'state', 'define', 'profile', 'all/read', 'all'] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];

/** Who calls the LRS: a credential of one platform, or Amphi itself (credentialId null). */
export interface LrsPrincipal {
  platformId: string;
  credentialId: string | null;
  scopes: ReadonlySet<LrsScope>;
  /** Set as `authority` on every statement this principal stores (Data 2.4.9). */
  authority: Agent | Group;
}

export type LrsAccess =
  | 'statements/write'
  | 'statements/read'
  | 'state/read'
  | 'state/write'
  | 'profile/read'
  | 'profile/write'
  | 'activities/read'
  | 'activities/define'
  | 'agents/read';

/** True when the principal's scopes allow this access; `all` allows everything, `all/read` every read. */
export function allows(principal: LrsPrincipal, access: LrsAccess): boolean {
  const s = principal.scopes;
  if (s.has('all')) return true;
  const isRead = access.endsWith('/read');
  if (isRead && s.has('all/read')) return true;
  switch (access) {
    case 'statements/write':
      return s.has('statements/write');
    case 'statements/read':
      return s.has('statements/read') || s.has('statements/read/mine');
    case 'state/read':
    case 'state/write':
      return s.has('state');
    case 'profile/read':
    case 'profile/write':
      return s.has('profile');
    case 'activities/define':
      return s.has('define');
    case 'activities/read':
    case 'agents/read':
      // Reading what statements defined is part of reading statements.
      return s.has('statements/read') || s.has('define') || s.has('profile');
  }
}

/**
 * Whether the principal may void a statement that `storedBy` stored (a credential id; null for
 * Amphi's own traces). xAPI leaves who is "authorized to void" to the LRS (Data 2.3.2); a
 * credential answers for the statements of its own authority: it voids what it stored itself,
 * and `all` voids any credential's statements. Amphi's traces (launches, the player's, grades,
 * attendance) are voided by Amphi's own all-scopes principal only, never by a credential nor by
 * the principal that stores what pages report.
 */
export function mayVoid(principal: LrsPrincipal, storedBy: string | null): boolean {
  if (storedBy === null) return principal.credentialId === null && principal.scopes.has('all');
  return principal.scopes.has('all') || principal.credentialId === storedBy;
}

/** statements/read/mine without a wider read scope: queries see only statements this credential stored. */
export function readsOnlyOwnStatements(principal: LrsPrincipal): boolean {
  const s = principal.scopes;
  return !s.has('all') && !s.has('all/read') && !s.has('statements/read') && s.has('statements/read/mine');
}
