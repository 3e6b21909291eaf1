import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { RegistrationCodeRow } from './registration-code.table.js';

export function insertRegistrationCode(db: Db, row: { id: string; code_hash: string; note: string | null; expires_at: Date }): Promise<RegistrationCodeRow> {
  return db.insertInto('registration_codes').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The code if it can still register a platform: not used, not closed, not expired (by the database's clock). */
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
 * Spends a usable code; undefined when it no longer is. The conditional update is what makes two
 * registrations racing with one code create one platform: the second waits for the first's row
 * lock, then finds `used_at` set.
 */
export function spendRegistrationCode(db: Db, id: string): Promise<RegistrationCodeRow | undefined> {
  return db
    .updateTable('registration_codes')
    .set({ used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('closed_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

export async function setRegistrationCodePlatform(db: Db, id: string, platformId: string): Promise<void> {
  await db.updateTable('registration_codes').set({ platform_id: platformId }).where('id', '=', id).execute();
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
