import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { RegistrationCodeRow } from './registration-code.table.js';

export function insertRegistrationCode(db: Db, row: { id: string; code_hash: string; note: string | null; expires_at: Date }): Promise<RegistrationCodeRow> {
  return db.insertInto('registration_codes').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The code if it can still register a platform: not used, not closed, not expired (by the database's clock); held or not. */
export function findUsableRegistrationCode(db: Db, codeHash: string): Promise<RegistrationCodeRow | undefined> {
  return db
    .selectFrom('registration_codes')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('closed_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/**
 * Holds a usable code that no other registration holds (or whose holder's time ran out) for
 * `seconds`; undefined when it cannot be held. The conditional update is what makes two
 * registrations racing with one code ask the platform once: the second waits for the first's row
 * lock, then finds the hold.
 */
export function reserveRegistrationCodeRow(db: Db, codeHash: string, reservation: string, seconds: number): Promise<RegistrationCodeRow | undefined> {
  return db
    .updateTable('registration_codes')
    .set({ reserved_by: reservation, reserved_until: sql<Date>`now() + cast(${seconds} as integer) * interval '1 second'` })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('closed_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where((eb) => eb.or([eb('reserved_until', 'is', null), eb('reserved_until', '<=', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}

/** Lets the code go after a failed registration, if this registration still holds it. */
export async function releaseRegistrationCodeRow(db: Db, id: string, reservation: string): Promise<void> {
  await db
    .updateTable('registration_codes')
    .set({ reserved_by: null, reserved_until: null })
    .where('id', '=', id)
    .where('reserved_by', '=', reservation)
    .where('used_at', 'is', null)
    .execute();
}

/**
 * Spends the code this registration holds, naming the platform it registered; undefined when the
 * hold was lost (the operator closed the code, or a crashed hold's successor took it). A code held
 * before it expired may be spent after: the registration began in time.
 */
export function spendRegistrationCodeRow(db: Db, id: string, reservation: string, platformId: string): Promise<RegistrationCodeRow | undefined> {
  return db
    .updateTable('registration_codes')
    .set({ used_at: sql<Date>`now()`, platform_id: platformId, reserved_by: null, reserved_until: null })
    .where('id', '=', id)
    .where('reserved_by', '=', reservation)
    .where('used_at', 'is', null)
    .where('closed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function listRegistrationCodes(db: Db): Promise<RegistrationCodeRow[]> {
  return db.selectFrom('registration_codes').selectAll().orderBy('created_at', 'desc').execute();
}

/** By id (a uuid) or by the code's hash. */
export function findRegistrationCode(db: Db, ref: { id?: string; codeHash: string }): Promise<RegistrationCodeRow | undefined> {
  return db
    .selectFrom('registration_codes')
    .selectAll()
    .where((eb) => (ref.id ? eb.or([eb('id', '=', ref.id), eb('code_hash', '=', ref.codeHash)]) : eb('code_hash', '=', ref.codeHash)))
    .executeTakeFirst();
}

export function closeRegistrationCodeRow(db: Db, id: string): Promise<RegistrationCodeRow | undefined> {
  return db
    .updateTable('registration_codes')
    .set({ closed_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('closed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
