import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * The course overview's reads, summed by PostgreSQL: a few hundred rows back whatever the size
 * of the course and the range (a term of 2,000 learners is ~200,000 learner-days).
 *
 * `keys` makes one learner of the keys a person's statements carry (an email actor → their
 * `sub:` key) and leaves out the course's staff, so that the sums are per person.
 */
export interface LearnerKeyMap {
  aliases: string[];
  canonicals: string[];
  excluded: string[];
}

export interface Scope {
  contextId: string;
  from: string;
  to: string;
  /** null: every statement of the course; else only those about these objects. */
  objectIds: string[] | null;
}

/** The rows of the scope: from analytics_learner_days, or analytics_daily for chosen objects. */
function scoped(s: Scope, keys: LearnerKeyMap): RawBuilder<unknown> {
  const table = s.objectIds ? sql`analytics_daily` : sql`analytics_learner_days`;
  const objects = s.objectIds ? sql`and d.object_id = any(${s.objectIds}::text[])` : sql``;
  return sql`
    select coalesce(m.canonical, d.learner) as learner, d.day, d.count ${s.objectIds ? sql`, d.object_id` : sql``}
    from ${table} d
    left join unnest(${keys.aliases}::text[], ${keys.canonicals}::text[]) as m(alias, canonical) on m.alias = d.learner
    where d.context_id = ${s.contextId} and d.day >= ${s.from}::date and d.day <= ${s.to}::date
      and d.learner <> all(${keys.excluded}::text[]) ${objects}`;
}

/**
 * The distinct actions each learner did in the scope, dictionary-encoded: the actions once, and
 * per learner the indexes of theirs (a 15-day window of 2,000 learners is ~30,000 pairs).
 */
export async function actionsPerLearner(db: Db, s: Scope, keys: LearnerKeyMap): Promise<{ actions: { objectId: string; action: string }[]; byLearner: Map<string, number[]> }> {
  const objects = s.objectIds ? sql`and d.object_id = any(${s.objectIds}::text[])` : sql``;
  const rows = await sql<{ actions: [string, string][] | null; pairs: [string, number][] | null }>`
    with la as (
      select distinct coalesce(m.canonical, d.learner) as learner, d.object_id, d.action
      from analytics_daily d
      left join unnest(${keys.aliases}::text[], ${keys.canonicals}::text[]) as m(alias, canonical) on m.alias = d.learner
      where d.context_id = ${s.contextId} and d.day >= ${s.from}::date and d.day <= ${s.to}::date
        and d.learner <> all(${keys.excluded}::text[]) ${objects}
    ), acts as (
      select object_id, action, (row_number() over (order by object_id, action) - 1)::int as i from (select distinct object_id, action from la) a
    )
    select (select json_agg(json_build_array(object_id, action) order by i) from acts) as actions,
           (select json_agg(json_build_array(la.learner, acts.i)) from la join acts using (object_id, action)) as pairs`.execute(db);
  const row = rows.rows[0];
  const actions = (parsed(row?.actions) ?? []).map(([objectId, action]) => ({ objectId, action }));
  const byLearner = new Map<string, number[]>();
  for (const [learner, i] of parsed(row?.pairs) ?? []) {
    const list = byLearner.get(learner);
    if (list) list.push(i);
    else byLearner.set(learner, [i]);
  }
  return { actions, byLearner };
}

/** json columns: node-pg parses them, PGlite too; a driver that hands text gets it parsed here. */
function parsed<T>(value: T | string | null | undefined): T | null {
  return typeof value === 'string' ? (JSON.parse(value) as T) : (value ?? null);
}

/** The learners with at least one statement in the scope (the TdBP cohort, before staff filtering by the caller). */
export async function activeLearners(db: Db, s: Scope, keys: LearnerKeyMap): Promise<string[]> {
  const rows = await sql<{ learner: string }>`select distinct learner from (${scoped(s, keys)}) x`.execute(db);
  return rows.rows.map((r) => r.learner);
}

/** Per learner: statements on or after `split` and before it, within the scope, and their last day. */
export async function activityAround(db: Db, s: Scope, keys: LearnerKeyMap, split: string): Promise<{ learner: string; recent: number; previous: number; last_day: string }[]> {
  const rows = await sql<{ learner: string; recent: number; previous: number; last_day: string }>`
    select learner, (coalesce(sum(count) filter (where day >= ${split}::date), 0))::int as recent,
      (coalesce(sum(count) filter (where day < ${split}::date), 0))::int as previous, max(day)::text as last_day
    from (${scoped(s, keys)}) x group by learner`.execute(db);
  return rows.rows;
}

/**
 * Per day: learners and statements; per learner: statements, active days, last day. The scope's
 * (day, learner) pairs are grouped once (hash aggregation), then counted both ways: no
 * count(distinct), whose sorts dominate on a term of 2,000 learners.
 */
export async function activityByDayAndLearner(db: Db, s: Scope, keys: LearnerKeyMap) {
  const rows = await sql<{ kind: 'day' | 'learner'; key: string; learners: number; actions: number; last_day: string }>`
    with dl as (select day, learner, sum(count) as actions from (${scoped(s, keys)}) x group by day, learner)
    select 'day' as kind, day::text as key, count(*)::int as learners, sum(actions)::int as actions, day::text as last_day from dl group by day
    union all
    select 'learner', learner, count(*)::int, sum(actions)::int, max(day)::text from dl group by learner`.execute(db);
  return {
    perDay: rows.rows.filter((r) => r.kind === 'day').map((r) => ({ day: r.key, learners: r.learners, actions: r.actions })),
    // For a learner, `learners` counts their active days.
    perLearner: rows.rows.filter((r) => r.kind === 'learner').map((r) => ({ learner: r.key, actions: r.actions, days: r.learners, last_day: r.last_day })),
  };
}

/** Per object: learners, statements, last day; per learner: distinct objects. The (learner, object) pairs grouped once, then counted both ways. */
export async function useByObjectAndLearner(db: Db, s: Scope, keys: LearnerKeyMap) {
  const objects = s.objectIds ? sql`and d.object_id = any(${s.objectIds}::text[])` : sql``;
  const rows = await sql<{ kind: 'object' | 'learner'; key: string; n: number; actions: number; last_day: string }>`
    with lo as (
      select coalesce(m.canonical, d.learner) as learner, d.object_id, sum(d.count) as actions, max(d.day) as last_day
      from analytics_daily d
      left join unnest(${keys.aliases}::text[], ${keys.canonicals}::text[]) as m(alias, canonical) on m.alias = d.learner
      where d.context_id = ${s.contextId} and d.day >= ${s.from}::date and d.day <= ${s.to}::date
        and d.learner <> all(${keys.excluded}::text[]) ${objects}
      group by 1, 2
    )
    select 'object' as kind, object_id as key, count(*)::int as n, sum(actions)::int as actions, max(last_day)::text as last_day from lo group by object_id
    union all
    select 'learner', learner, count(*)::int, 0, null from lo group by learner`.execute(db);
  return {
    perObject: rows.rows.filter((r) => r.kind === 'object').map((r) => ({ object_id: r.key, learners: r.n, actions: r.actions, last_day: r.last_day })),
    objectsPerLearner: new Map(rows.rows.filter((r) => r.kind === 'learner').map((r) => [r.key, r.n])),
  };
}
