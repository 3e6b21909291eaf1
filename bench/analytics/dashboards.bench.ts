/**
 * The learning-analytics dashboards on a national-size course (issue 14's figures), PostgreSQL.
 *
 *   npm run bench:analytics -- [--database-url postgres://postgres@127.0.0.1:5432/test] [--statements 1000000]
 *                              [--learners 2000] [--weeks 15] [--requests 100] [--new-statements 10000] [--keep NAME]
 *
 * 1. seed: the demo generator (src/demo, seed 14) writes a term of one course straight into a fresh
 *    database: --learners learners, videos, a weekly classroom, ~--statements statements from
 *    Amphi, Moodle (logstore_xapi) and BigBlueButton (webhooks).
 * 2. full rebuild: every rollup recounted from the first statement (rebuildAnalytics).
 * 3. dashboards, cold: every endpoint once over HTTP as the course's teacher (and /me as a
 *    learner), with no view kept yet (each request computes what it reads from the rollups).
 * 4. incremental refresh: --new-statements more statements stored through the LRS service (the
 *    way Amphi's features and credentials store them), then one refresh, then what the refresh
 *    job does next: the views read lately recomputed (view-warming.ts).
 * 5. dashboards after the refresh: every endpoint's first request, then --requests more, one at
 *    a time after a warm-up: p50 / p95 / max.
 * 6. the same course overview computed straight from the statements (the way Warren computes
 *    its indicators from the LRS): daily active learners and actions, and each object's use, by
 *    SQL over lrs_statements of the course.
 * --keep NAME keeps (or reuses, if it exists) the database NAME instead of a throwaway one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { rebuildAnalytics, refreshAnalytics } from '../../src/analytics/analytics.service.js';
import { warmReadViews } from '../../src/analytics/view-warming.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { generateDemoCourse, type DemoCourseSummary } from '../../src/demo/demo-course.js';
import { createLogger } from '../../src/http/logger.js';
import { recordStatements } from '../../src/lrs/lrs.service.js';
import { courseActivityId, resourceActivityId } from '../../src/lrs/traces/launch-trace.service.js';
import type { Statement } from '../../src/lrs/xapi/xapi.types.js';
import { signSessionToken } from '../../src/lti/session/session.service.js';
import { describeMachine, machineLine, percentiles } from '../support/report.js';
import { writeAnalyticsResults, type AnalyticsResult } from './analytics-results.js';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    statements: { type: 'string', default: '1000000' },
    learners: { type: 'string', default: '2000' },
    weeks: { type: 'string', default: '15' },
    requests: { type: 'string', default: '100' },
    'new-statements': { type: 'string', default: '10000' },
    keep: { type: 'string' },
    'no-results': { type: 'boolean', default: false },
  },
});

const adminUrl = args['database-url']!;
const dbName = args.keep ?? `amphi_bench_analytics_${process.pid}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
if (!exists) await admin.query(`create database "${dbName}"`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-bench-analytics-'));
const server = http.createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// Amphi's activity ids are under PUBLIC_URL: a kept database is read with the one it was seeded with.
const publicUrl = (await seededPublicUrl()) ?? 'http://localhost:3999';
const config = loadConfig({ PUBLIC_URL: publicUrl, DATA_DIR: dataDir, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent', SECRET_KEY: Buffer.alloc(32, 7).toString('base64') });
const database = await openDatabase({ engine: 'postgres', url: dbUrl, poolSize: 10 });
await migrateToLatest(database.db);
const ctx = await createContext(config, database, createLogger('silent'));
server.on('request', buildApp(ctx));
const result: Partial<AnalyticsResult> = {};

try {
  const course = await seed();
  log('full rebuild…');
  let t0 = performance.now();
  const rebuilt = await rebuildAnalytics(ctx, course.platformId, { settleMs: 0 });
  result.rebuildSeconds = (performance.now() - t0) / 1000;
  result.statements = rebuilt.statements;
  const rollupRows = await sql<{ n: string }>`select (select count(*) from analytics_daily) + (select count(*) from analytics_learner_days) + (select count(*) from analytics_learners) as n`.execute(ctx.db);
  result.rollupRows = Number(rollupRows.rows[0]!.n);
  log(`rebuilt ${rebuilt.statements} statements in ${result.rebuildSeconds.toFixed(1)} s (${result.rollupRows} rollup rows)`);
  // The rebuild deleted and wrote every rollup row: autovacuum would clean up within a minute or
  // so; the dashboards are measured in that steady state, not on the dead rows.
  for (const table of ['analytics_daily', 'analytics_learner_days', 'analytics_learners']) await sql`vacuum analyze ${sql.table(table)}`.execute(ctx.db);
  // Nor while the rebuild's writes are being flushed to disk (a checkpoint would come within minutes).
  await sql`checkpoint`.execute(ctx.db).catch(() => log('checkpoint refused (not a superuser): the first measures may pay for the flush'));

  const session = await endpointSessions(course);
  // Nothing kept yet: each view is computed by the request (and kept for the next ones).
  const cold = await measureEndpoints(session, 0);
  result.newStatements = Number(args['new-statements']);
  await storeMore(course, result.newStatements);
  await new Promise((r) => setTimeout(r, 150));
  t0 = performance.now();
  const refreshed = await refreshAnalytics(ctx, course.platformId, { settleMs: 0 });
  result.refreshSeconds = (performance.now() - t0) / 1000;
  log(`incremental refresh: ${refreshed.statements} statements in ${result.refreshSeconds.toFixed(2)} s`);
  // What the refresh job does next: the views read lately (just above) recomputed for everyone.
  t0 = performance.now();
  const warmed = await warmReadViews(ctx, course.platformId);
  result.warm = { views: warmed.views, seconds: (performance.now() - t0) / 1000 };
  log(`views recomputed after the refresh: ${warmed.views} in ${result.warm.seconds.toFixed(2)} s`);
  const steady = await measureEndpoints(session, Number(args.requests));
  result.endpoints = steady.map((e, i) => ({ ...e, cold: cold[i]!.first }));
  result.fromStatements = await warrenStyle(course);
  result.machine = machineLine(describeMachine(serverVersion));
  result.date = new Date().toISOString().slice(0, 10);
  result.command = `npm run bench:analytics -- --statements ${args.statements} --learners ${args.learners} --requests ${args.requests}`;
  printResult(result as AnalyticsResult);
  if (!args['no-results']) writeAnalyticsResults(path.resolve('bench/RESULTS.md'), result as AnalyticsResult);
} finally {
  server.closeAllConnections();
  server.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!args.keep) await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}

async function seed(): Promise<DemoCourseSummary> {
  const existing = await ctx.db.selectFrom('lrs_statements').select(sql<string>`count(*)::text`.as('n')).executeTakeFirstOrThrow();
  const options = { seed: 14, publicUrl, platform: { issuer: 'https://moodle.bench.example', name: 'Moodle (bench)' }, learners: Number(args.learners), weeks: Number(args.weeks), targetStatements: Number(args.statements) };
  if (existing.n !== '0') log(`reusing ${dbName}: ${existing.n} statements; regenerating the course summary only is not possible, so seeding is skipped and the course is read back`);
  if (existing.n !== '0') return readBack();
  log(`seeding ${options.learners} learners, ~${options.targetStatements} statements…`);
  const t0 = performance.now();
  let last = 0;
  const course = await generateDemoCourse(ctx.db, {
    ...options,
    onProgress: ({ statements }) => {
      if (statements - last >= 100_000) log(`  ${(last = statements)} statements`);
    },
  });
  result.seedSeconds = (performance.now() - t0) / 1000;
  result.learners = course.learnerCount;
  log(`seeded ${course.statements} statements in ${result.seedSeconds.toFixed(0)} s`);
  await sql`analyze`.execute(ctx.db);
  return course;
}

/** What the endpoints need of a course seeded by an earlier run (--keep). */
async function readBack(): Promise<DemoCourseSummary> {
  const context = await ctx.db.selectFrom('lti_contexts').select(['id', 'context_id']).executeTakeFirstOrThrow();
  const platform = await ctx.db.selectFrom('platforms').select('id').executeTakeFirstOrThrow();
  const resources = await ctx.db.selectFrom('resources').select(['id', 'kind']).where('context_id', '=', context.id).execute();
  const teacher = await ctx.db.selectFrom('lti_memberships as m').innerJoin('lti_users as u', 'u.id', 'm.user_id').select(['u.id', 'u.sub', 'u.name']).where('m.context_id', '=', context.id).where('m.role', '=', 'instructor').executeTakeFirstOrThrow();
  const learner = await ctx.db.selectFrom('lti_memberships as m').innerJoin('lti_users as u', 'u.id', 'm.user_id').select(['u.id', 'u.sub', 'u.name']).where('m.context_id', '=', context.id).where('m.role', '=', 'learner').executeTakeFirstOrThrow();
  result.learners = Number(args.learners);
  return {
    platformId: platform.id, contextRowId: context.id, contextId: context.context_id,
    resourceIds: { videos: resources.filter((r) => r.kind === 'video').map((r) => r.id), classroom: resources.find((r) => r.kind === 'classroom')!.id, dashboards: { instructors: '', learners: '' } },
    teachers: [{ userId: teacher.id, sub: teacher.sub, name: teacher.name ?? '' }],
    sampleLearners: { steady: { userId: learner.id, sub: learner.sub, name: learner.name ?? '' }, drifting: null, neverActive: null },
  } as unknown as DemoCourseSummary;
}

async function sessionToken(course: DemoCourseSummary, userId: string, role: 'instructor' | 'learner'): Promise<string> {
  const deployment = await ctx.db.selectFrom('deployments').select('id').where('platform_id', '=', course.platformId).executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  await ctx.db.insertInto('lti_sessions').values({
    id, platform_id: course.platformId, deployment_id: deployment.id, user_id: userId, context_id: course.contextRowId, resource_link_id: null,
    message_type: 'LtiResourceLinkRequest', role, roles: JSON.stringify([]), locale: 'fr', launch: JSON.stringify({}), expires_at: new Date(Date.now() + 3600_000),
  }).execute();
  return (await signSessionToken(ctx, id)).token;
}

async function endpointSessions(course: DemoCourseSummary) {
  const teacher = await sessionToken(course, course.teachers[0]!.userId, 'instructor');
  const learner = await sessionToken(course, (course.sampleLearners.steady ?? course.sampleLearners.drifting)!.userId, 'learner');
  const [video] = course.resourceIds.videos;
  const endpoints: [string, string, string][] = [
    ['course overview (30 days)', '/api/analytics/course', teacher],
    ['course overview (whole term)', `/api/analytics/course?from=${daysAgo(7 * Number(args.weeks))}`, teacher],
    ['cohort (TdBP, 15 days)', '/api/analytics/course/cohort', teacher],
    ['dropout risk', '/api/analytics/course/risk', teacher],
    ['grades', '/api/analytics/course/grades', teacher],
    ['video analytics', `/api/analytics/resources/${video}`, teacher],
    ['classroom analytics', `/api/analytics/resources/${course.resourceIds.classroom}?from=${daysAgo(7 * Number(args.weeks))}`, teacher],
    ['learner dashboard (/me)', '/api/analytics/me', learner],
  ];
  return endpoints;
}

/** Each endpoint: one first request, then `requests` more after 5 of warm-up (p50 / p95 / max). */
async function measureEndpoints(endpoints: [string, string, string][], requests: number): Promise<Omit<AnalyticsResult['endpoints'][number], 'cold'>[]> {
  const out: Omit<AnalyticsResult['endpoints'][number], 'cold'>[] = [];
  for (const [name, url, token] of endpoints) {
    const times: number[] = [];
    let bytes = 0;
    let first = 0;
    for (let i = 0; i < (requests ? 5 + requests : 1); i++) {
      const t0 = performance.now();
      const res = await fetch(`${serverUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
      if (i === 0) first = performance.now() - t0;
      if (i >= 5) times.push(performance.now() - t0);
      bytes = body.length;
    }
    const p = requests ? percentiles(times) : { p50: 0, p95: 0, max: 0 };
    out.push({ name, first, p50: p.p50, p95: p.p95, max: p.max, bytes });
    log(`${name}: first ${first.toFixed(1)} ms${requests ? `, then p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms` : ''} (${(bytes / 1024).toFixed(0)} KiB)`);
  }
  return out;
}

/** --new-statements statements as a day of the course would bring them: launches, video views, Moodle visits. */
async function storeMore(course: DemoCourseSummary, n: number): Promise<void> {
  const issuer = 'https://moodle.bench.example';
  const subs = (await ctx.db.selectFrom('roster_members').select('user_sub').where('context_id', '=', course.contextRowId).execute()).map((r) => r.user_sub);
  const batch: Statement[] = [];
  for (let i = 0; i < n; i++) {
    const sub = subs[i % subs.length]!;
    const video = course.resourceIds.videos[i % course.resourceIds.videos.length]!;
    const amphi = i % 3 !== 2;
    batch.push({
      id: crypto.randomUUID(),
      actor: { objectType: 'Agent', account: { homePage: issuer, name: sub } },
      verb: { id: amphi ? 'http://adlnet.gov/expapi/verbs/launched' : 'http://id.tincanapi.com/verb/viewed' },
      object: amphi ? { objectType: 'Activity', id: resourceActivityId(publicUrl, video) } : { objectType: 'Activity', id: `${issuer}/mod/page/view.php?id=${100 + (i % 12)}` },
      context: { contextActivities: { parent: [{ objectType: 'Activity', id: amphi ? courseActivityId(publicUrl, course.contextRowId) : `${issuer}/course/view.php?id=${course.contextId}` }] } },
      timestamp: new Date().toISOString(),
    });
  }
  const t0 = performance.now();
  for (let i = 0; i < batch.length; i += 500) await recordStatements(ctx, course.platformId, batch.slice(i, i + 500));
  log(`stored ${n} new statements through the LRS service in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** The 30-day course overview computed from lrs_statements, as a dashboard without rollups must. */
async function warrenStyle(course: DemoCourseSummary): Promise<AnalyticsResult['fromStatements']> {
  const from = daysAgo(29);
  const courseIri = courseActivityId(publicUrl, course.contextRowId);
  const moodleCourse = `https://moodle.bench.example/course/view.php?id=${course.contextId}`;
  const run = () =>
    sql`
      with s as (
        select actor_key, object_activity_id, (statement->>'timestamp')::timestamptz::date as day
        from lrs_statements
        where platform_id = ${course.platformId} and not voided and not is_voiding and stored >= ${from}::date - 1
          and (related_activities && array[${courseIri}, ${moodleCourse}]::text[] or object_activity_id like ${`${publicUrl}/xapi/activities/resources/%`})
      )
      select (select json_agg(d) from (select day, count(distinct actor_key) learners, count(*) actions from s where day >= ${from}::date group by day) d) as days,
             (select json_agg(o) from (select object_activity_id, count(distinct actor_key) learners, count(*) actions from s where day >= ${from}::date group by 1) o) as objects
    `.execute(ctx.db);
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const p = percentiles(times);
  log(`the same overview from the statements: p50 ${p.p50.toFixed(0)} ms`);
  return { p50: p.p50, max: p.max };
}

async function seededPublicUrl(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    // A new database has no table yet: nothing seeded.
    const row = await client.query<{ id: string }>(`select object_activity_id as id from lrs_statements where object_activity_id like '%/xapi/activities/resources/%' limit 1`).catch(() => ({ rows: [] as { id: string }[] }));
    return row.rows[0]?.id.replace(/\/xapi\/activities\/.*$/, '');
  } finally {
    await client.end();
  }
}

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

function printResult(r: AnalyticsResult): void {
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
