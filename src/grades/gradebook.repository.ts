import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { GradeScoreRow } from './grades.table.js';

/** What the gradebook of one resource reads: each learner's latest score, and the line item. */

export interface LastScoreRow extends GradeScoreRow {
  user_name: string | null;
  user_email: string | null;
}

/** Each learner's newest score for the resource (a newer score always replaces an older one). */
export async function listLastScores(db: Db, platformId: string, resourceId: string): Promise<LastScoreRow[]> {
  const result = await sql<LastScoreRow>`
    select distinct on (s.user_id) s.*, u.name as user_name, u.email as user_email
    from grade_scores s join lti_users u on u.id = s.user_id
    where s.platform_id = ${platformId} and s.resource_id = ${resourceId}
    order by s.user_id, s.seq desc`.execute(db);
  return result.rows;
}

/** The resource's gradebook column: the one of this activity when known, else the first made. */
export function findResourceLineItem(db: Db, platformId: string, resourceId: string, resourceLinkId: string | null) {
  return db
    .selectFrom('grade_line_items')
    .select(['id', 'label', 'score_maximum', 'url'])
    .where('platform_id', '=', platformId)
    .where('resource_id', '=', resourceId)
    .orderBy(sql`resource_link_id is not distinct from ${resourceLinkId}`, 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

/** The line item URL the platform announced in the activity's launches (AGS claim `lineitem`). */
export async function findLinkLineItemUrl(db: Db, resourceLinkId: string): Promise<string | null> {
  const row = await db.selectFrom('lti_resource_links').select('lineitem_url').where('id', '=', resourceLinkId).executeTakeFirst();
  return row?.lineitem_url ?? null;
}

/** The Amphi resource an activity shows (null when none is bound). */
export async function findLinkResourceId(db: Db, resourceLinkId: string): Promise<string | null> {
  const row = await db.selectFrom('lti_resource_links').select('resource_id').where('id', '=', resourceLinkId).executeTakeFirst();
  return row?.resource_id ?? null;
}
