import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Every read of the dashboards: rollups (analytics_*), and the few feature tables analytics may
 * read across (DESIGN.md): resources, video_views, classroom_*, grade_scores. Never
 * lrs_statements. `objectIds` limits a read to a dashboard's chosen resources.
 */

/** Per day of the range: these learner keys' statements (scoped: their statements about the chosen objects). */
export async function learnerDayCounts(db: Db, contextId: string, from: string, to: string, objectIds: string[] | null, learners: string[]): Promise<{ day: string; learner: string; count: number }[]> {
  if (objectIds) {
    const q = db
      .selectFrom('analytics_daily')
      .select([sql<string>`day::text`.as('day'), 'learner', sql<number>`sum(count)::int`.as('count')])
      .where('context_id', '=', contextId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .where('object_id', 'in', objectIds.length ? objectIds : ['']);
    return q.where('learner', 'in', learners).groupBy(['day', 'learner']).execute();
  }
  return db
    .selectFrom('analytics_learner_days')
    .select([sql<string>`day::text`.as('day'), 'learner', 'count'])
    .where('context_id', '=', contextId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('learner', 'in', learners)
    .execute();
}

/** All-time totals per learner of the course: who was ever active, and their last day. */
export async function learnerTotals(db: Db, contextId: string): Promise<{ learner: string; count: number; lastDay: string }[]> {
  const rows = await db.selectFrom('analytics_learners').select(['learner', 'count', sql<string>`last_day::text`.as('last_day')]).where('context_id', '=', contextId).execute();
  return rows.map((r) => ({ learner: r.learner, count: r.count, lastDay: r.last_day }));
}

/** One object's statements in the range, by day and action (`excluded`: the staff's keys). */
export async function objectDailyTotals(db: Db, contextId: string, objectId: string, from: string, to: string, excluded: string[]): Promise<{ day: string; action: string; count: number }[]> {
  return db
    .selectFrom('analytics_daily')
    .select([sql<string>`day::text`.as('day'), 'action', sql<number>`sum(count)::int`.as('count')])
    .where('context_id', '=', contextId)
    .where('object_id', '=', objectId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('learner', 'not in', [...excluded, ''])
    .groupBy(['day', 'action'])
    .execute();
}

/** One object's statements in the range, by learner and action. */
export async function objectLearnerTotals(db: Db, contextId: string, objectId: string, from: string, to: string, actions: string[]): Promise<{ learner: string; action: string; count: number }[]> {
  return db
    .selectFrom('analytics_daily')
    .select(['learner', 'action', sql<number>`sum(count)::int`.as('count')])
    .where('context_id', '=', contextId)
    .where('object_id', '=', objectId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('action', 'in', actions)
    .groupBy(['learner', 'action'])
    .execute();
}

export interface CourseResourceRow {
  id: string;
  kind: 'video' | 'classroom' | 'dashboard';
  title: string;
  gradable: boolean;
  settings: unknown;
}

export function courseResources(db: Db, platformId: string, contextId: string): Promise<CourseResourceRow[]> {
  return db
    .selectFrom('resources')
    .select(['id', 'kind', 'title', 'gradable', 'settings'])
    .where('platform_id', '=', platformId)
    .where('context_id', '=', contextId)
    .orderBy('created_at')
    .execute() as Promise<CourseResourceRow[]>;
}

/** Titles of activities Amphi does not own (Moodle's, seen in statements), from the LRS's activity definitions. */
export async function activityTitles(db: Db, platformId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('lrs_activities').select(['id', 'definition']).where('platform_id', '=', platformId).where('id', 'in', ids).execute();
  const titles = new Map<string, string>();
  for (const r of rows) {
    const name = (r.definition as { name?: Record<string, string> } | null)?.name;
    const title = name && (name['fr'] ?? name['fr-FR'] ?? name['en'] ?? name['en-US'] ?? name['und'] ?? Object.values(name)[0]);
    if (title) titles.set(r.id, title);
  }
  return titles;
}

export interface VideoViewFacts {
  resource_id: string;
  sub: string;
  played_segments: [number, number][];
  watched_share: number;
  completed: boolean;
  updated_at: Date;
}

/** Who watched the course's videos (or these ones), as the tracking recorded it. */
export async function videoViews(db: Db, platformId: string, resourceIds: string[]): Promise<VideoViewFacts[]> {
  if (!resourceIds.length) return [];
  const rows = await db
    .selectFrom('video_views as v')
    .innerJoin('lti_users as u', 'u.id', 'v.user_id')
    .select(['v.resource_id', 'u.sub', 'v.played_segments', 'v.watched_share', sql<boolean>`v.completed_at is not null`.as('completed'), 'v.updated_at'])
    .where('v.platform_id', '=', platformId)
    .where('v.resource_id', 'in', resourceIds)
    .execute();
  return rows.map((r) => ({ ...r, played_segments: r.played_segments as unknown as [number, number][] }));
}

/** The published duration of each video (the media its resource plays, a copy its original's). */
export async function videoDurations(db: Db, resourceIds: string[]): Promise<Map<string, number>> {
  if (!resourceIds.length) return new Map();
  const rows = await sql<{ id: string; duration: number | null }>`
    select r.id, (m.probe ->> 'durationSeconds')::float8 as duration
    from resources r join video_media m on m.resource_id = coalesce(r.media_resource_id, r.id) and m.state = 'published'
    where r.id in (${sql.join(resourceIds)})
  `.execute(db);
  return new Map(rows.rows.filter((r) => r.duration !== null).map((r) => [r.id, Number(r.duration)]));
}

/** Watched share per (video, viewer), without the segments: for the course-wide views. `sub`: one viewer only. */
export async function watchedShares(db: Db, platformId: string, resourceIds: string[], sub?: string): Promise<{ resource_id: string; sub: string; watched_share: number; completed: boolean; updated_at: Date }[]> {
  if (!resourceIds.length) return [];
  let q = db
    .selectFrom('video_views as v')
    .innerJoin('lti_users as u', 'u.id', 'v.user_id')
    .select(['v.resource_id', 'u.sub', 'v.watched_share', sql<boolean>`v.completed_at is not null`.as('completed'), 'v.updated_at'])
    .where('v.platform_id', '=', platformId)
    .where('v.resource_id', 'in', resourceIds);
  if (sub !== undefined) q = q.where('u.sub', '=', sub);
  return q.execute();
}

/** Per viewer: the sum of their watched shares over these videos (the risk's mean completion divides it by the number of videos). */
export async function watchedShareSums(db: Db, platformId: string, resourceIds: string[]): Promise<Map<string, number>> {
  if (!resourceIds.length) return new Map();
  // Summed per user before the join: a course's views are ~10 times its viewers.
  const rows = await sql<{ sub: string; total: number }>`
    select u.sub, s.total from (
      select user_id, sum(watched_share)::float8 as total from video_views
      where platform_id = ${platformId} and resource_id in (${sql.join(resourceIds)}) group by user_id
    ) s join lti_users u on u.id = s.user_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.sub, Number(r.total)]));
}
