import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { RollupDelta } from './rollup-counts.js';

/** Rows per INSERT. */
const CHUNK = 5000;

/**
 * Applies a batch's counts: additions as one upsert per chunk (count = count + n), the
 * rare take-backs of voided statements row by row, deleting a row that reaches zero.
 */
export async function applyDelta(db: Db, platformId: string, delta: RollupDelta): Promise<void> {
  const dailyAdd = [...delta.daily.values()].filter((d) => d.n > 0);
  const daysAdd = [...delta.learnerDays.values()].filter((d) => d.n > 0);
  // Arrays, one per column (unnest): a fixed handful of parameters however many rows, where a
  // VALUES list of thousands of rows makes PostgreSQL parse and plan tens of thousands of them.
  for (let i = 0; i < dailyAdd.length; i += CHUNK) {
    const rows = dailyAdd.slice(i, i + CHUNK);
    await sql`
      insert into analytics_daily (platform_id, context_id, day, learner, object_id, action, count)
      select ${platformId}, * from unnest(${rows.map((d) => d.contextId)}::text[], ${rows.map((d) => d.day)}::date[], ${rows.map((d) => d.learner)}::text[],
        ${rows.map((d) => d.objectId)}::text[], ${rows.map((d) => d.action)}::text[], ${rows.map((d) => d.n)}::int[])
      on conflict (context_id, day, learner, object_id, action) do update set count = analytics_daily.count + excluded.count`.execute(db);
  }
  for (let i = 0; i < daysAdd.length; i += CHUNK) {
    const rows = daysAdd.slice(i, i + CHUNK);
    await sql`
      insert into analytics_learner_days (platform_id, context_id, day, learner, count)
      select ${platformId}, * from unnest(${rows.map((d) => d.contextId)}::text[], ${rows.map((d) => d.day)}::date[], ${rows.map((d) => d.learner)}::text[], ${rows.map((d) => d.n)}::int[])
      on conflict (context_id, day, learner) do update set count = analytics_learner_days.count + excluded.count`.execute(db);
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
    const part = rows.slice(i, i + CHUNK);
    await sql`
      insert into analytics_learners (platform_id, context_id, learner, count, first_day, last_day)
      select ${platformId}, * from unnest(${part.map((t) => t.contextId)}::text[], ${part.map((t) => t.learner)}::text[], ${part.map((t) => t.n)}::int[],
        ${part.map((t) => t.first)}::date[], ${part.map((t) => t.last)}::date[])
      on conflict (context_id, learner) do update set count = analytics_learners.count + excluded.count,
        first_day = least(analytics_learners.first_day, excluded.first_day), last_day = greatest(analytics_learners.last_day, excluded.last_day)`.execute(db);
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
