import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** The SQL of a person's rows in the rollups and the dashboard views computed from them (src/privacy). */

export async function findLearnerRollups(db: Db, platformId: string, learners: string[]) {
  return {
    learners: await db.selectFrom('analytics_learners').selectAll().where('platform_id', '=', platformId).where('learner', 'in', learners).execute(),
    learnerDays: await db.selectFrom('analytics_learner_days').select(['context_id', sql<string>`day::text`.as('day'), 'learner', 'count']).where('platform_id', '=', platformId).where('learner', 'in', learners).orderBy('day').execute(),
    daily: await db.selectFrom('analytics_daily').select(['context_id', sql<string>`day::text`.as('day'), 'learner', 'object_id', 'action', 'count']).where('platform_id', '=', platformId).where('learner', 'in', learners).orderBy('day').execute(),
  };
}

/**
 * Deletes the person's rollup rows, and the stored dashboard views of the courses they were in
 * (a view may list them by name): the next dashboard request computes them again without them.
 */
export async function deleteLearnerRollups(db: Db, platformId: string, learners: string[]) {
  const contexts = await db.selectFrom('analytics_learners').select('context_id').distinct().where('platform_id', '=', platformId).where('learner', 'in', learners).execute();
  const daily = await db.deleteFrom('analytics_daily').where('platform_id', '=', platformId).where('learner', 'in', learners).executeTakeFirst();
  const days = await db.deleteFrom('analytics_learner_days').where('platform_id', '=', platformId).where('learner', 'in', learners).executeTakeFirst();
  const totals = await db.deleteFrom('analytics_learners').where('platform_id', '=', platformId).where('learner', 'in', learners).executeTakeFirst();
  const views = contexts.length
    ? await db.deleteFrom('analytics_views').where('platform_id', '=', platformId).where('context_id', 'in', contexts.map((c) => c.context_id)).executeTakeFirst()
    : { numDeletedRows: 0n };
  return {
    analytics_daily: Number(daily.numDeletedRows),
    analytics_learner_days: Number(days.numDeletedRows),
    analytics_learners: Number(totals.numDeletedRows),
    analytics_views: Number(views.numDeletedRows),
  };
}

/** At most `limit` per-day rollup rows of the platform before `cutoffDay` (YYYY-MM-DD), and the course totals last seen before it. */
export async function deleteRollupsBefore(db: Db, platformId: string, cutoffDay: string, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with daily as (
      delete from analytics_daily where (context_id, day, learner, object_id, action) in (
        select context_id, day, learner, object_id, action from analytics_daily where platform_id = ${platformId} and day < ${cutoffDay}::date limit ${limit}
      )
      returning 1
    ), days as (
      delete from analytics_learner_days where (context_id, day, learner) in (
        select context_id, day, learner from analytics_learner_days where platform_id = ${platformId} and day < ${cutoffDay}::date limit ${limit}
      )
      returning 1
    ), totals as (
      delete from analytics_learners where (context_id, learner) in (
        select context_id, learner from analytics_learners where platform_id = ${platformId} and last_day < ${cutoffDay}::date limit ${limit}
      )
      returning 1
    )
    select ((select count(*) from daily) + (select count(*) from days) + (select count(*) from totals))::text as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
