import { mayVoid, type LrsPrincipal } from '../credentials/lrs-principal.js';
import { XapiError } from '../xapi/xapi-error.js';
import { VOIDED_VERB, type StatementRef, type StoredStatement } from '../xapi/xapi.types.js';
import { findVoidableStatements, voidStatements, type DbOrTrx } from './statement.repository.js';

/**
 * Voids what the batch's new voiding statements target (Data 2.3.2), in the batch's transaction,
 * after checking that the principal may void each stored target (lrs-principal.ts#mayVoid):
 * otherwise 403, "the entire request" refused as the spec asks, so nothing of the batch is kept.
 * A target the LRS does not hold is not a reason to refuse (2.3.2.s2.b5); such a voiding voids
 * nothing, now or later.
 *
 * Only the statements the check read are voided, by id. On PostgreSQL (READ COMMITTED) each query
 * of the transaction sees what other transactions committed before it: an UPDATE by target ids
 * would also void a statement committed under one of those ids after the check, never checked.
 * What the check read cannot change meanwhile: who stored a statement and whether it voids are
 * written once, with the statement.
 */
export async function applyVoiding(trx: DbOrTrx, principal: LrsPrincipal, batch: StoredStatement[], fresh: StoredStatement[]): Promise<void> {
  const voiding = fresh.filter((s) => s.verb.id === VOIDED_VERB);
  if (voiding.length === 0) return;
  const targetOf = (s: StoredStatement) => (s.object as StatementRef).id.toLowerCase();
  const stored = new Map((await findVoidableStatements(trx, principal.platformId, voiding.map(targetOf))).map((r) => [r.id, r.credential_id]));
  for (const s of voiding) {
    const target = targetOf(s);
    if (!stored.has(target)) continue;
    const storedBy = stored.get(target)!;
    if (mayVoid(principal, storedBy)) continue;
    const where = batch.length > 1 ? `statements[${batch.indexOf(s)}]` : 'statement';
    throw new XapiError(
      403,
      storedBy === null
        ? `${where} voids ${target}, which Amphi recorded: only Amphi voids its own traces. Nothing of the batch was stored.`
        : `${where} voids ${target}, which another credential stored: a credential voids only the statements it stored (scope all voids any credential's). Nothing of the batch was stored.`,
    );
  }
  await voidStatements(trx, principal.platformId, [...stored.keys()]);
}
