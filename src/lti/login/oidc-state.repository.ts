import type { Db } from '../../db/database.js';
import type { OidcStateRow, OidcStatesTable } from './oidc-state.table.js';
import type { Insertable } from 'kysely';

export function insertOidcState(db: Db, row: Insertable<OidcStatesTable>) {
  return db.insertInto('oidc_states').values(row).execute();
}

/** A state still usable: not consumed, not expired. */
export function findPendingOidcState(db: Db, state: string, now: Date): Promise<OidcStateRow | undefined> {
  return db
    .selectFrom('oidc_states')
    .selectAll()
    .where('state', '=', state)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the state used; false when another request consumed it first (replay). */
export async function consumeOidcState(db: Db, state: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('oidc_states')
    .set({ used_at: now })
    .where('state', '=', state)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Used states are kept a day so a replay is recognised as such in the logs, then dropped. */
export function deleteStaleOidcStates(db: Db, before: Date) {
  return db.deleteFrom('oidc_states').where('expires_at', '<', before).execute();
}
