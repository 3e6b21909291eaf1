import type { AppContext } from '../app-context.js';
import { LRS_SCOPES, type LrsPrincipal } from './credentials/lrs-principal.js';
import { consistentThrough } from './statements/consistent-through.js';
import { findStatementsByIds } from './statements/statement.repository.js';
import { storeStatements } from './statements/statement.service.js';
import { validateStatements } from './statements/validation/statement.validate.js';
import type { Agent, Statement } from './xapi/xapi.types.js';

/** The authority of the statements Amphi's own modules record (classroom, grades). */
export function amphiAuthority(publicUrl: string): Agent {
  return { objectType: 'Agent', name: 'Amphi', account: { homePage: publicUrl, name: 'amphi' } };
}

/**
 * The authority of the statements Amphi records from what a page reported (the player): Amphi
 * vouches for the actor, object and context it set, not for the page's words.
 */
export function amphiPageAuthority(publicUrl: string): Agent {
  return { objectType: 'Agent', name: 'Amphi (player)', account: { homePage: publicUrl, name: 'amphi-page' } };
}

/**
 * How Amphi's features write learning traces: through the same validation and store as an
 * HTTP client, without HTTP. Throws XapiError(400) for a statement the LRS would refuse, so a
 * feature's bug shows in its tests instead of polluting the store.
 */
/** Which of these statement ids the platform's store already holds (a feature's resent batch). */
export async function findStoredStatementIds(ctx: AppContext, platformId: string, ids: string[]): Promise<Set<string>> {
  return new Set((await findStatementsByIds(ctx.db, platformId, ids)).map((r) => r.id));
}

export async function recordStatements(ctx: AppContext, platformId: string, statements: Statement[]): Promise<string[]> {
  const principal: LrsPrincipal = {
    platformId,
    credentialId: null,
    scopes: new Set(LRS_SCOPES),
    authority: amphiAuthority(ctx.config.http.publicUrl),
  };
  return storeStatements(ctx, principal, validateStatements(statements, { version: '1.0.3' }));
}

/**
 * Statements built from what a page reported (the player's), stored under a principal that may
 * write statements but not define activities: whatever definition slips into them never renames
 * an activity of the platform's LRS.
 */
export async function recordPageStatements(ctx: AppContext, platformId: string, statements: Statement[]): Promise<string[]> {
  const principal: LrsPrincipal = {
    platformId,
    credentialId: null,
    scopes: new Set(['statements/write']),
    authority: amphiPageAuthority(ctx.config.http.publicUrl),
  };
  return storeStatements(ctx, principal, validateStatements(statements, { version: '1.0.3' }));
}

/**
 * Every statement stored before this time is visible to readers (consistent-through.ts): what a
 * reader of the store in insertion order (the analytics rollups) may safely read up to.
 */
export function statementsConsistentThrough(ctx: AppContext): Promise<Date> {
  return consistentThrough(ctx.db, ctx.engine);
}
