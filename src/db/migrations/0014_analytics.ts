import { sql, type Kysely } from 'kysely';

/**
 * Learning-analytics rollups (src/analytics, docs/indicators.md): what the statements of each
 * course add up to, per day, learner, object and action, so that no dashboard request reads
 * the statement store.
 *
 * - analytics_watermarks: per platform, the last statement `seq` the rollups include and the
 *   version of the definitions they were computed with (a new version rebuilds).
 * - analytics_daily: statements per (course, day, learner, object, action), for the actions
 *   the indicators use (opened, viewed, played, completed, downloaded, joined, posted…).
 * - analytics_learner_days: every counted statement per (course, day, learner): daily active
 *   learners, activity per learner, the trend of activity.
 * - analytics_learners: per (course, learner), all time: statements, first and last day (who
 *   was ever active, days since the last activity) in one short read.
 *
 * `learner` is `sub:<LTI sub>` for an account on the platform (or its BigBlueButton server
 * during an Amphi session), else the xAPI agent key (`mbox:mailto:…`), matched to the roster
 * by email when read. `object_id` is the Amphi resource id, else the activity IRI.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The refresh reads each platform's statements in insertion order from its watermark.
    create index lrs_statements_platform_seq on lrs_statements (platform_id, seq);

    create table analytics_watermarks (
      platform_id text primary key references platforms (id) on delete cascade,
      last_seq bigint not null default 0,
      definitions integer not null,
      refreshed_at timestamptz not null default now()
    );

    -- platform_id has no foreign key of its own: the course's (lti_contexts, deleted with its
    -- platform) removes the rows, and every write of a rebuild would pay a second key check.
    create table analytics_daily (
      platform_id text not null,
      context_id text not null references lti_contexts (id) on delete cascade,
      day date not null,
      learner text not null,
      object_id text not null,
      action text not null,
      count integer not null check (count > 0),
      primary key (context_id, day, learner, object_id, action)
    );
    create index analytics_daily_object on analytics_daily (context_id, object_id, day);

    create table analytics_learner_days (
      platform_id text not null,
      context_id text not null references lti_contexts (id) on delete cascade,
      day date not null,
      learner text not null,
      count integer not null check (count > 0),
      primary key (context_id, day, learner)
    );
    create index analytics_learner_days_learner on analytics_learner_days (context_id, learner, day);

    create table analytics_learners (
      platform_id text not null,
      context_id text not null references lti_contexts (id) on delete cascade,
      learner text not null,
      count integer not null check (count > 0),
      first_day date not null,
      last_day date not null,
      primary key (context_id, learner)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table analytics_learners;
    drop table analytics_learner_days;
    drop table analytics_daily;
    drop table analytics_watermarks;
    drop index lrs_statements_platform_seq;
  `.execute(db);
}
