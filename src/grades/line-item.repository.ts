import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Line items (grade_line_items) and what a score needs to know about its course and activity.
 * A line item is the platform's gradebook column: the activity's own (the launch's AGS `lineitem`),
 * or one Amphi created in the course's line items container.
 */

/** The line item Amphi already knows for an activity (or, without one, for the resource). */
function knownLineItem(platformId: string, resourceId: string, resourceLinkId: string | null) {
  return resourceLinkId
    ? sql`(select li.id from grade_line_items li where li.platform_id = ${platformId} and li.resource_link_id = ${resourceLinkId}
        order by li.created_at, li.id limit 1)`
    : sql`(select li.id from grade_line_items li where li.platform_id = ${platformId} and li.resource_id = ${resourceId}
        order by (li.resource_link_id is null) desc, li.created_at, li.id limit 1)`;
}

export interface ScoreTarget {
  /** The resource (of the platform named), its course and grading. */
  resource_id: string;
  title: string;
  context_id: string;
  gradable: boolean;
  score_maximum: number | null;
  lineitems_url: string | null;
  ags_scopes: string[] | null;
  /** The activity, when the score names one: which platform and course it belongs to. */
  link_platform_id: string | null;
  link_context_id: string | null;
  lineitem_url: string | null;
  /** grade_line_items.id of the activity's own line item, when recorded. */
  link_line_item_id: string | null;
  known_line_item_id: string | null;
}

/** The resource, its course's AGS endpoints and the score's line item, in one query; undefined for a resource of another platform. */
export async function findScoreTarget(db: Db, q: { platformId: string; resourceId: string; resourceLinkId: string | null }): Promise<ScoreTarget | undefined> {
  const result = await sql<ScoreTarget>`
    select r.id as resource_id, r.title, r.context_id, r.gradable, r.score_maximum, c.lineitems_url, c.ags_scopes,
      d.platform_id as link_platform_id, l.context_id as link_context_id, l.lineitem_url,
      (select li.id from grade_line_items li where li.platform_id = ${q.platformId} and li.url = l.lineitem_url) as link_line_item_id,
      ${knownLineItem(q.platformId, q.resourceId, q.resourceLinkId)} as known_line_item_id
    from resources r
    join lti_contexts c on c.id = r.context_id
    left join lti_resource_links l on l.id = ${q.resourceLinkId}
    left join deployments d on d.id = l.deployment_id
    where r.platform_id = ${q.platformId} and r.id = ${q.resourceId}`.execute(db);
  return result.rows[0];
}

export interface LineItemSource {
  title: string;
  kind: string;
  score_maximum: number | null;
  context_id: string;
  lineitems_url: string | null;
  ags_scopes: string[] | null;
  /** The platform's id of the activity (resource_link claim `id`), when the scores name one. */
  lti_resource_link_id: string | null;
  lineitem_url: string | null;
  known_line_item_id: string | null;
  client_id: string;
  auth_token_url: string;
  registered_via: 'manual' | 'dynamic';
}

/** What finding or creating the line item of scores waiting for one needs. */
export async function findLineItemSource(db: Db, g: { platformId: string; resourceId: string; resourceLinkId: string | null }): Promise<LineItemSource | undefined> {
  const result = await sql<LineItemSource>`
    select r.title, r.kind, r.score_maximum, r.context_id, c.lineitems_url, c.ags_scopes,
      l.resource_link_id as lti_resource_link_id, l.lineitem_url, p.client_id, p.auth_token_url, p.registered_via,
      ${knownLineItem(g.platformId, g.resourceId, g.resourceLinkId)} as known_line_item_id
    from resources r
    join lti_contexts c on c.id = r.context_id
    join platforms p on p.id = r.platform_id
    left join lti_resource_links l on l.id = ${g.resourceLinkId}
    where r.id = ${g.resourceId} and r.platform_id = ${g.platformId}`.execute(db);
  return result.rows[0];
}

export interface LineItemRecord {
  id: string;
  platformId: string;
  contextId: string;
  resourceId: string | null;
  resourceLinkId: string | null;
  url: string;
  label: string | null;
  scoreMaximum: number | null;
  tag: string | null;
}

/** Records a line item by its URL (once per platform); returns the id of the row that holds it. */
export async function saveLineItem(db: Db, li: LineItemRecord): Promise<string> {
  const result = await sql<{ id: string }>`
    insert into grade_line_items (id, platform_id, context_id, resource_id, resource_link_id, url, label, score_maximum, tag)
    values (${li.id}, ${li.platformId}, ${li.contextId}, ${li.resourceId}, ${li.resourceLinkId}, ${li.url}, ${li.label}, ${li.scoreMaximum}, ${li.tag})
    on conflict (platform_id, url) do update set
      label = coalesce(excluded.label, grade_line_items.label),
      score_maximum = coalesce(excluded.score_maximum, grade_line_items.score_maximum),
      tag = coalesce(excluded.tag, grade_line_items.tag),
      resource_link_id = coalesce(grade_line_items.resource_link_id, excluded.resource_link_id),
      resource_id = coalesce(grade_line_items.resource_id, excluded.resource_id),
      updated_at = now()
    returning id`.execute(db);
  return result.rows[0]!.id;
}
