import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ResourceRow } from '../../content/resource.table.js';
import type { StoredPresentation } from '../classroom-settings.schemas.js';

/** SQL of the classroom's settings that the content API does not write (the presentation). */

export type ClassroomRow = Pick<ResourceRow, 'id' | 'platform_id' | 'kind' | 'settings' | 'media_resource_id'>;

/** A resource of this platform (any kind: the caller checks it is a classroom). */
export function findClassroomRow(db: Db, platformId: string, resourceId: string): Promise<ClassroomRow | undefined> {
  return db
    .selectFrom('resources')
    .select(['id', 'platform_id', 'kind', 'settings', 'media_resource_id'])
    .where('platform_id', '=', platformId)
    .where('id', '=', resourceId)
    .executeTakeFirst();
}

/**
 * Sets (or clears) settings.presentation in one statement, so a PATCH of other settings running
 * at the same moment is not overwritten by a stale copy of the whole object.
 */
export async function setPresentation(db: Db, platformId: string, resourceId: string, presentation: StoredPresentation | null): Promise<boolean> {
  const value = JSON.stringify({ presentation });
  const result = await sql`
    update resources set settings = settings || ${value}::jsonb, updated_at = now()
    where platform_id = ${platformId} and id = ${resourceId} and kind = 'classroom'`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Locks the classroom's row until the transaction ends: presentation changes run one at a time, across processes. */
export async function lockClassroomRow(db: Db, platformId: string, resourceId: string): Promise<boolean> {
  const row = await db.selectFrom('resources').select('id').where('platform_id', '=', platformId).where('id', '=', resourceId).forUpdate().executeTakeFirst();
  return row !== undefined;
}
