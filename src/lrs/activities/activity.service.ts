import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Activity, ActivityDefinition } from '../xapi/xapi.types.js';
import { findActivityDefinition, upsertActivityRows } from './activity.repository.js';
import { KnownDefinitions } from './known-definitions.js';

/**
 * The canonical Activity definitions behind the Activities Resource (xAPI 1.0.3 Communication
 * 2.5): every definition an accepted statement carries is merged into what the platform's LRS
 * knows of that Activity, so GET /activities returns "all available information" (XAPI-00254:
 * two statements naming the Activity in two languages give both names).
 */

const known = new WeakMap<object, KnownDefinitions>();

/**
 * Called in the statement insert transaction with every Activity of the accepted statements
 * (object, context activities, inside SubStatements). One SQL statement per batch, none when
 * this process already wrote every definition the batch carries. Without the `define` scope a
 * client only makes an Activity known: a definition already stored is kept (Communication 4.2
 * scopes: "will not update its internal representation of the activity").
 *
 * Returns what to call once the transaction has committed (the process then knows these
 * definitions are stored).
 */
export async function upsertActivityDefinitions(
  db: Db | Transaction<Database>,
  platformId: string,
  activities: Activity[],
  options: { mayRedefine: boolean; cacheKey?: object } = { mayRedefine: true },
): Promise<() => void> {
  const byId = new Map<string, ActivityDefinition>();
  for (const activity of activities) {
    const definition = activity.definition;
    if (!definition || Object.keys(definition).length === 0) continue;
    const previous = byId.get(activity.id);
    byId.set(activity.id, previous ? mergeDefinitions(previous, definition) : definition);
  }
  let cache: KnownDefinitions | undefined;
  if (options.cacheKey) {
    cache = known.get(options.cacheKey);
    if (!cache) known.set(options.cacheKey, (cache = new KnownDefinitions()));
  }
  const candidates = [...byId].map(([id, definition]) => ({ id, definition }));
  const rows = cache ? cache.unknown(platformId, candidates, options.mayRedefine) : candidates.map((r) => ({ ...r, json: '' }));
  if (rows.length === 0) return () => {};
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await upsertActivityRows(db, platformId, rows.map(({ id, definition }) => ({ id, definition })), options.mayRedefine);
  return () => cache?.remember(platformId, rows);
}

/** The Activity as the LRS knows it; just its id when no statement defined it (2.5.s2.b1). */
export async function getActivity(db: Db, platformId: string, activityId: string): Promise<Activity> {
  const definition = await findActivityDefinition(db, platformId, activityId);
  return definition ? { objectType: 'Activity', id: activityId, definition } : { objectType: 'Activity', id: activityId };
}

/** `next` over `known`; language maps and extensions merged key by key (as the SQL upsert does). */
export function mergeDefinitions(known: ActivityDefinition, next: ActivityDefinition): ActivityDefinition {
  const merged: ActivityDefinition = { ...known, ...next };
  if (known.name && next.name) merged.name = { ...known.name, ...next.name };
  if (known.description && next.description) merged.description = { ...known.description, ...next.description };
  if (known.extensions && next.extensions) merged.extensions = { ...known.extensions, ...next.extensions };
  return merged;
}
