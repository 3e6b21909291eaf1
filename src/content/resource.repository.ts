import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ResourceKind, ResourceRow, ResourcesTable } from './resource.table.js';
import type { Insertable, Updateable } from 'kysely';

/**
 * All SQL on resources. Every read takes the platform id: one platform can never see another's
 * resources, whatever id a request carries.
 */
export function findResource(db: Db, platformId: string, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('platform_id', '=', platformId).where('id', '=', id).executeTakeFirst();
}

export interface ResourceWithCourse extends ResourceRow {
  course_title: string | null;
  course_label: string | null;
  creator_name: string | null;
}

function withCourse(db: Db, platformId: string) {
  return db
    .selectFrom('resources as r')
    .innerJoin('lti_contexts as c', 'c.id', 'r.context_id')
    .leftJoin('lti_users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select(['c.title as course_title', 'c.label as course_label', 'u.name as creator_name'])
    .where('r.platform_id', '=', platformId);
}

export function findResourceWithCourse(db: Db, platformId: string, id: string): Promise<ResourceWithCourse | undefined> {
  return withCourse(db, platformId).where('r.id', '=', id).executeTakeFirst();
}

export interface ResourceQuery {
  platformId: string;
  kind?: ResourceKind;
  /** Words that must all appear in the title, any case. */
  search?: string;
  /** Resources of these courses … */
  contextIds: string[];
  /** … or, when set, made by this user in any course of the platform. */
  createdBy?: string;
  limit: number;
}

export function listResources(db: Db, q: ResourceQuery): Promise<ResourceWithCourse[]> {
  let query = withCourse(db, q.platformId);
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  for (const word of (q.search ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    query = query.where(sql<boolean>`r.title ilike ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  query = query.where((eb) => {
    const ors = [];
    if (q.contextIds.length) ors.push(eb('r.context_id', 'in', q.contextIds));
    if (q.createdBy) ors.push(eb('r.created_by', '=', q.createdBy));
    return ors.length ? eb.or(ors) : eb.val(false);
  });
  return query.orderBy('r.updated_at', 'desc').orderBy('r.id').limit(q.limit).execute();
}

/**
 * The teacher's courses on this platform: where they launched as instructor or made resources,
 * with each course's number of resources.
 */
export async function listTeacherCourses(db: Db, platformId: string, userId: string) {
  const rows = await sql<{ id: string; title: string | null; label: string | null; resource_count: string }>`
    select c.id, c.title, c.label, (select count(*) from resources r where r.context_id = c.id and r.platform_id = ${platformId}) as resource_count
    from lti_contexts c
    join deployments d on d.id = c.deployment_id and d.platform_id = ${platformId}
    where c.id in (
      select m.context_id from lti_memberships m where m.user_id = ${userId} and m.role in ('instructor', 'admin')
      union select r.context_id from resources r where r.platform_id = ${platformId} and r.created_by = ${userId})
    order by c.title nulls last, c.id`.execute(db);
  return rows.rows;
}

export async function insertResource(db: Db, row: Insertable<ResourcesTable>): Promise<ResourceRow> {
  return db.insertInto('resources').values(row).returningAll().executeTakeFirstOrThrow();
}

/** `settingsPatch` is merged into the stored settings in the database: keys written meanwhile by another request stay. */
export function updateResource(db: Db, platformId: string, id: string, changes: Updateable<ResourcesTable>, settingsPatch?: Record<string, unknown>) {
  return db
    .updateTable('resources')
    .set({ ...changes, ...(settingsPatch ? { settings: sql<string>`settings || ${JSON.stringify(settingsPatch)}::jsonb` } : {}), updated_at: new Date() })
    .where('platform_id', '=', platformId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * The copy of `original` owned by `contextId`, made once: concurrent first launches of a copied
 * course race on the unique (copied_from, context_id) index and all get the same row.
 */
export async function copyResourceOnce(db: Db, original: ResourceRow, contextId: string, copy: { id: string; createdBy: string | null }): Promise<ResourceRow> {
  await db
    .insertInto('resources')
    .values({
      id: copy.id,
      platform_id: original.platform_id,
      context_id: contextId,
      kind: original.kind,
      title: original.title,
      description: original.description,
      created_by: copy.createdBy,
      gradable: original.gradable,
      score_maximum: original.score_maximum,
      settings: JSON.stringify(original.settings),
      copied_from: original.id,
      media_resource_id: original.media_resource_id ?? original.id,
    })
    .onConflict((oc) => oc.columns(['copied_from', 'context_id']).where('copied_from', 'is not', null).doNothing())
    .execute();
  return (await findCopy(db, original, contextId))!;
}

export function findCopy(db: Db, original: Pick<ResourceRow, 'id' | 'platform_id'>, contextId: string) {
  return db
    .selectFrom('resources')
    .selectAll()
    .where('platform_id', '=', original.platform_id)
    .where('copied_from', '=', original.id)
    .where('context_id', '=', contextId)
    .executeTakeFirst();
}

/** The course's resource that is `owner` or a copy playing its media (the owner first), if any. */
export async function findCourseResourcePlaying(db: Db, platformId: string, contextId: string, owner: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('resources')
    .select('id')
    .where('platform_id', '=', platformId)
    .where('context_id', '=', contextId)
    .where((eb) => eb.or([eb('id', '=', owner), eb('media_resource_id', '=', owner)]))
    .orderBy(sql`id = ${owner}`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** The resource a Moodle activity shows, when Amphi has bound one. */
export function findLinkBinding(db: Db, resourceLinkId: string) {
  return db
    .selectFrom('lti_resource_links')
    .select(['id', 'resource_id', 'bound_custom_resource_id', 'lineitem_url', 'context_id', 'deployment_id', 'resource_link_id'])
    .where('id', '=', resourceLinkId)
    .executeTakeFirst();
}

/** Points the activity at a resource; written only when it changes (a class launching does not rewrite it). */
export function bindLinkToResource(db: Db, resourceLinkId: string, resourceId: string, customResourceId: string | null) {
  return db
    .updateTable('lti_resource_links')
    .set({ resource_id: resourceId, bound_custom_resource_id: customResourceId })
    .where('id', '=', resourceLinkId)
    .where(sql<boolean>`(resource_id, bound_custom_resource_id) is distinct from (${resourceId}, ${customResourceId})`)
    .execute();
}
