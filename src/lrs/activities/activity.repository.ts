import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { ActivityDefinition } from '../xapi/xapi.types.js';

/**
 * Merges definitions into the stored ones in one statement, whatever the batch size: the rows
 * travel as one JSON parameter (no limit on bind parameters). The merge is the SQL twin of
 * activity.service.ts#mergeDefinitions: properties of the new definition replace the stored
 * ones, except the language maps `name` and `description` and `extensions`, merged key by key.
 * A stored definition that already contains the new one (jsonb `@>`) is left alone, and is
 * filtered out before the insert so that it is not even locked: the Activities a course sends
 * again and again cost an index lookup, neither a new row version nor a row lock held until the
 * statement transaction commits (which would serialize every batch about the same Activity).
 * (`@>` treats arrays as sets: interaction components already stored are kept when a later
 * definition lists a subset of them, where mergeDefinitions, within one batch, replaces them.)
 *
 * `rows` must have distinct ids (ON CONFLICT cannot touch a row twice in one statement) and be
 * sorted, so concurrent batches lock rows in the same order and cannot deadlock.
 */
export async function upsertActivityRows(
  db: Db | Transaction<Database>,
  platformId: string,
  rows: { id: string; definition: ActivityDefinition }[],
  mayRedefine = true,
): Promise<void> {
  if (rows.length === 0) return;
  if (!mayRedefine) {
    await sql`
      insert into lrs_activities (platform_id, id, definition)
      select ${platformId}, x.id, x.definition from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, definition jsonb)
      on conflict (platform_id, id) do nothing
    `.execute(db);
    return;
  }
  await sql`
    insert into lrs_activities as a (platform_id, id, definition)
    select ${platformId}, x.id, x.definition
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, definition jsonb)
    where not exists (
      select 1 from lrs_activities k where k.platform_id = ${platformId} and k.id = x.id and k.definition @> x.definition
    )
    on conflict (platform_id, id) do update
    set definition = a.definition || excluded.definition
        || ${mergedMap('name')} || ${mergedMap('description')} || ${mergedMap('extensions')},
      updated_at = now()
    where not (a.definition @> excluded.definition)
  `.execute(db);
}

/** `{"<key>": stored.key || new.key}` when both definitions have that map, else `{}`. */
function mergedMap(key: 'name' | 'description' | 'extensions') {
  const k = sql.lit(key);
  return sql`(case when a.definition ? ${k} and excluded.definition ? ${k}
    then jsonb_build_object(${k}, (a.definition -> ${k}) || (excluded.definition -> ${k}))
    else '{}'::jsonb end)`;
}

export async function findActivityDefinition(db: Db, platformId: string, id: string): Promise<ActivityDefinition | undefined> {
  const row = await db.selectFrom('lrs_activities').select('definition').where('platform_id', '=', platformId).where('id', '=', id).executeTakeFirst();
  return row?.definition as ActivityDefinition | undefined;
}
