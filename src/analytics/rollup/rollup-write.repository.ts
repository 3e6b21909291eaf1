import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { RollupDelta } from './rollup-counts.js';

const CHUNK = 1000;

/**
 * Applies a batch's counts: additions as one upsert per chunk (count = count + n), the
 * rare take-backs of voided statements row by row, deleting a row that reaches zero.
 */
export async function applyDelta(db: Db, platformId: string, delta: RollupDelta): Promise<void> {
  const dailyAdd = [...delta.daily.values()].filter((d) => d.n > 0);
  const daysAdd = [...delta.learnerDays.values()].filter((d) => d.n > 0);
  for (let i = 0; i < dailyAdd.length; i += CHUNK) {
    await db
      .insertInto('analytics_daily')
      .values(dailyAdd.slice(i, i + CHUNK).map((d) => ({ platform_id: platformId, context_id: d.contextId, day: d.day, learner: d.learner, object_id: d.objectId, action: d.action, count: d.n })))
      .onConflict((oc) => oc.columns(['context_id', 'day', 'learner', 'object_id', 'action']).doUpdateSet({ count: sql`analytics_daily.count + excluded.count` }))
      .execute();
  }
  for (let i = 0; i < daysAdd.length; i += CHUNK) {
    await db
      .insertInto('analytics_learner_days')
      .values(daysAdd.slice(i, i + CHUNK).map((d) => ({ platform_id: platformId, context_id: d.contextId, day: d.day, learner: d.learner, count: d.n })))
      .onConflict((oc) => oc.columns(['context_id', 'day', 'learner']).doUpdateSet({ count: sql`analytics_learner_days.count + excluded.count` }))
      .execute();
  }
  await addLearnerTotals(db, platformId, daysAdd);
  for (const d of delta.daily.values()) {
    if (d.n >= 0) continue;
    const key = (q: any) => q.where('context_id', '=', d.contextId).where('day', '=', d.day).where('learner', '=', d.learner).where('object_id', '=', d.objectId).where('action', '=', d.action);
    await key(db.deleteFrom('analytics_daily')).where('count', '<=', -d.n).execute();
    await key(db.updateTable('analytics_daily').set({ count: sql`count + ${d.n}` })).execute();
  }
  for (const d of delta.learnerDays.values()) {
    if (d.n >= 0) continue;
    const key = (q: any) => q.where('context_id', '=', d.contextId).where('day', '=', d.day).where('learner', '=', d.learner);
    await key(db.deleteFrom('analytics_learner_days')).where('count', '<=', -d.n).execute();
    await key(db.updateTable('analytics_learner_days').set({ count: sql`count + ${d.n}` })).execute();
  }
  const takenBack = new Map([...delta.learnerDays.values()].filter((d) => d.n < 0).map((d) => [`${d.contextId}\u0000${d.learner}`, d]));
  for (const d of takenBack.values()) await recomputeLearnerTotal(db, platformId, d.contextId, d.learner);
}

/** analytics_learners from a batch's additions: one upsert per chunk of (course, learner). */
async function addLearnerTotals(db: Db, platformId: string, days: { contextId: string; day: string; learner: string; n: number }[]): Promise<void> {
  const totals = new Map<string, { contextId: string; learner: string; n: number; first: string; last: string }>();
  for (const d of days) {
    const key = `${d.contextId}\u0000${d.learner}`;
    const t = totals.get(key);
    if (!t) totals.set(key, { contextId: d.contextId, learner: d.learner, n: d.n, first: d.day, last: d.day });
    else {
      t.n += d.n;
      if (d.day < t.first) t.first = d.day;
      if (d.day > t.last) t.last = d.day;
    }
  }
  const rows = [...totals.values()];
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('analytics_learners')
      .values(rows.slice(i, i + CHUNK).map((t) => ({ platform_id: platformId, context_id: t.contextId, learner: t.learner, count: t.n, first_day: t.first, last_day: t.last })))
      .onConflict((oc) =>
        oc.columns(['context_id', 'learner']).doUpdateSet({
          count: sql`analytics_learners.count + excluded.count`,
          first_day: sql`least(analytics_learners.first_day, excluded.first_day)`,
          last_day: sql`greatest(analytics_learners.last_day, excluded.last_day)`,
        }),
      )
      .execute();
  }
}

/** After a take-back: the learner's totals again from their days (gone when none is left). */
async function recomputeLearnerTotal(db: Db, platformId: string, contextId: string, learner: string): Promise<void> {
  const t = await db
    .selectFrom('analytics_learner_days')
    .select([sql<number | null>`sum(count)::int`.as('n'), sql<string | null>`min(day)::text`.as('first'), sql<string | null>`max(day)::text`.as('last')])
    .where('context_id', '=', contextId)
    .where('learner', '=', learner)
    .executeTakeFirst();
  if (!t?.n || !t.first || !t.last) {
    await db.deleteFrom('analytics_learners').where('context_id', '=', contextId).where('learner', '=', learner).execute();
    return;
  }
  await db
    .insertInto('analytics_learners')
    .values({ platform_id: platformId, context_id: contextId, learner, count: t.n, first_day: t.first, last_day: t.last })
    .onConflict((oc) => oc.columns(['context_id', 'learner']).doUpdateSet({ count: t.n!, first_day: t.first!, last_day: t.last! }))
    .execute();
}
