/**
 * Score delivery to the platform through the outbox (AGS score publish service).
 *
 *   npm run bench:grades -- [--engine pglite|postgres|both] [--scores 2000] [--learners 200] [--activities 10]
 *                           [--rate 50,100] [--duration 20] [--burst 200,500] [--database-url postgres://…] [--no-results]
 *                           [--wait-quiet SECONDS]
 *
 * Amphi runs in this process (startServer: HTTP, database, delivery worker, as in production) on a
 * fresh DATA_DIR (PGlite on disk) or a fresh PostgreSQL database, with a loopback TestPlatform
 * (Moodle-like: token endpoint, scores endpoint with Moodle's checks) in the same process. The
 * course has --activities graded activities, each with its Moodle line item, and --learners
 * learners who launched once; recordScore is called as the video and classroom modules call it.
 *
 *   backlog   the worker stopped, --scores scores recorded (16 callers at once), then the worker
 *             started: delivered scores per second until the platform has them all
 *   steady    the worker running, --rate scores/s (each rate in turn) recorded on schedule for --duration seconds:
 *             time from the recordScore call to the platform receiving the score
 *   burst     --burst scores recorded at the same instant (each size in turn): the same time, and
 *             until the last arrives
 *
 * Each score of a phase is for a different (learner, activity), so none supersedes another.
 * --wait-quiet S: on a shared machine, wait up to S seconds for other processes to leave the CPU
 * before each phase (the table says how busy the rest of the machine was during the backlog).
 * On PostgreSQL, ANALYZE runs once the course is seeded (autovacuum would within a minute or so);
 * on PGlite, which has no autovacuum and so never has planner statistics, only with --analyze.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { insertResource } from '../src/content/resource.repository.js';
import { recordScore } from '../src/grades/score.service.js';
import { addPlatform } from '../src/lti/platforms/platform.service.js';
import { startServer, type RunningServer } from '../src/server.js';
import type { ReceivedScore } from '../test/support/platform-state.js';
import { ROLE, TestPlatform } from '../test/support/test-platform.js';
import { createBenchDatabase, type BenchDatabase, type DatabaseStats } from './support/postgres-db.js';
import { cpuMsOfAll, machineCpuMs } from './support/proc-stats.js';
import { describeMachine, percentiles } from './support/report.js';
import { freePort } from './support/server-process.js';
import { formatGradesTable, writeGradesResults, type GradesResult } from './support/grades-results.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    scores: { type: 'string', default: '2000' },
    learners: { type: 'string', default: '200' },
    activities: { type: 'string', default: '10' },
    rate: { type: 'string', default: '50,100' },
    analyze: { type: 'boolean', default: false },
    duration: { type: 'string', default: '20' },
    burst: { type: 'string', default: '200,500' },
    'wait-quiet': { type: 'string', default: '0' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'no-results': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]!.replace(/^\/\*\*?|^ \* ?/gm, '') + '\n');
  process.exit(0);
}
const engines = args.engine === 'both' ? (['pglite', 'postgres'] as const) : [args.engine as 'pglite' | 'postgres'];
if (!engines.every((e) => e === 'pglite' || e === 'postgres')) throw new Error('--engine must be pglite, postgres or both');
const num = (name: 'scores' | 'learners' | 'activities' | 'duration') => {
  const v = Number(args[name]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const [scores, learners, activities, durationS] = (['scores', 'learners', 'activities', 'duration'] as const).map(num) as [number, number, number, number];
const list = (name: 'burst' | 'rate') => {
  const values = args[name]!.split(',').map(Number);
  if (!values.every((v) => v > 0 && Number.isFinite(v))) throw new Error(`--${name} must be numbers separated by commas`);
  return values;
};
const rates = list('rate');
const bursts = list('burst').map(Math.round);
const keys = learners * activities;
if (Math.max(scores, ...bursts, ...rates.map((r) => Math.ceil(r * durationS))) > keys) throw new Error(`each phase needs one (learner, activity) per score: at most ${keys} (--learners × --activities)`);

interface Course {
  platformId: string;
  /** One per (learner, activity): what recordScore needs, and how the platform will name it. */
  targets: { resourceId: string; resourceLinkId: string; userId: string; key: string }[];
}

/** The course: activities with their Moodle line items, the resources they show, learners who launched. */
async function seed(running: RunningServer, platform: TestPlatform): Promise<Course> {
  const { ctx } = running;
  const registered = await addPlatform(ctx.db, { ...platform.registration(), allowNewDeployments: false }, { allowNewDeployments: false });
  ctx.platforms.invalidate();
  platform.toolJwksUrl = `${running.url}/.well-known/jwks.json`;
  const launch = async (sub: string, roles: string[], linkId: string) => {
    const { response } = await platform.launch(running.url, { sub, name: `Person ${sub}`, roles, resourceLink: { id: linkId, title: `Activity ${linkId}` } });
    if (response.status !== 200) throw new Error(`launch refused: ${response.status}`);
  };
  const lineItemUrls = new Map<string, string>();
  for (let a = 0; a < activities; a++) {
    const linkId = `act-${a}`;
    const itemId = platform.state.newItemId();
    platform.state.lineItems.set(itemId, { itemId, courseId: '42', label: `Activity ${a}`, scoreMaximum: 20, resourceId: '', tag: '', resourceLinkId: linkId });
    lineItemUrls.set(linkId, platform.lineItems('42').find((li) => li.resourceLinkId === linkId)!.id as string);
    await launch('teacher', [ROLE.instructor], linkId);
  }
  for (let i = 0; i < learners; i += 8) {
    await Promise.all(Array.from({ length: Math.min(8, learners - i) }, (_, j) => launch(`learner-${i + j}`, [ROLE.learner], 'act-0')));
  }
  const context = await ctx.db.selectFrom('lti_contexts').select('id').where('context_id', '=', '42').executeTakeFirstOrThrow();
  const links = await ctx.db.selectFrom('lti_resource_links').select(['id', 'resource_link_id']).execute();
  const users = await ctx.db.selectFrom('lti_users').select(['id', 'sub']).where('sub', 'like', 'learner-%').execute();
  const targets: Course['targets'] = [];
  for (const link of links) {
    const resource = await insertResource(ctx.db, {
      id: crypto.randomUUID(), platform_id: registered.id, context_id: context.id, kind: 'video', title: `Vidéo ${link.resource_link_id}`, gradable: true, score_maximum: 20,
    });
    for (const user of users) targets.push({ resourceId: resource.id, resourceLinkId: link.id, userId: user.id, key: `${lineItemUrls.get(link.resource_link_id)} ${user.sub}` });
  }
  return { platformId: registered.id, targets: shuffle(targets) };
}

/** When each score reached the platform's scores endpoint, by (line item, learner). */
function watchArrivals(platform: TestPlatform) {
  const received = platform.state.receivedScores;
  const waiting = new Map<string, { after: number; resolve: (at: number) => void }>();
  received.push = (...items: ReceivedScore[]) => {
    const now = performance.now();
    for (const s of items) {
      const key = `${s.lineItemUrl} ${s.userId}`;
      const waiter = waiting.get(key);
      if (waiter && now >= waiter.after) {
        waiting.delete(key);
        waiter.resolve(now);
      }
    }
    return Array.prototype.push.apply(received, items);
  };
  return {
    count: () => received.length,
    /** Resolves with the arrival time of the next score for `key` (performance.now()). */
    arrival: (key: string, after: number) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no score for ${key} reached the platform within 120 s`)), 120_000);
        waiting.set(key, { after, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      }),
  };
}

/** Waits (up to --wait-quiet seconds) until the rest of the machine uses less than 0.15 core. */
async function waitQuiet(): Promise<void> {
  const deadline = Date.now() + Number(args['wait-quiet']) * 1000;
  while (Date.now() < deadline) {
    const before = machineCpuMs().busy;
    await sleep(2000);
    const cores = (machineCpuMs().busy - before) / 2000;
    if (cores < 0.15) return;
    log(`machine busy elsewhere (${cores.toFixed(2)} cores): waiting`);
  }
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(2);
  }
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<GradesResult & { pgVersion?: string }> {
  log(`── ${engine} ──`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `amphi-grades-bench-${engine}-`));
  let database: BenchDatabase | undefined;
  let running: RunningServer | undefined;
  const platform = await TestPlatform.start();
  try {
    if (engine === 'postgres') database = await createBenchDatabase(args['database-url']!);
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      SECRET_KEY: crypto.randomBytes(32).toString('base64'), ...(database ? { DATABASE_URL: database.url } : {}),
    });
    running = await startServer(config);
    const { ctx } = running;
    const course = await seed(running, platform);
    // PostgreSQL's autovacuum analyzes the new rows within a minute or so: do it now rather than
    // measure the planner without statistics. PGlite has no autovacuum: only with --analyze.
    if (engine === 'postgres' || args.analyze) await sql`analyze`.execute(ctx.db);
    const { arrival, count } = watchArrivals(platform);
    let cursor = 0;
    const take = (n: number) => {
      if (cursor + n > course.targets.length) cursor = 0;
      return course.targets.slice(cursor, (cursor += n));
    };
    const record = (t: Course['targets'][number]) =>
      recordScore(ctx, { platformId: course.platformId, resourceId: t.resourceId, resourceLinkId: t.resourceLinkId, userId: t.userId, scoreGiven: Math.round(Math.random() * 200) / 10 });

    log('warm-up: 200 scores');
    const warm = take(200);
    await Promise.all(warm.map(record));
    await waitFor(() => count() >= warm.length, 'warm-up scores delivered');

    // Backlog: recorded with the worker stopped, then delivered as fast as it goes.
    await ctx.scoreDelivery.stop();
    const backlog = take(scores);
    const recordStart = performance.now();
    for (let i = 0; i < backlog.length; i += 16) await Promise.all(backlog.slice(i, i + 16).map(record));
    const recordMs = performance.now() - recordStart;
    log(`backlog: ${backlog.length} scores recorded in ${recordMs.toFixed(0)} ms`);
    await sleep(engine === 'postgres' ? 11_000 : 0); // backends report statistics at the latest 10 s after going idle
    await waitQuiet();
    const statsBefore = await database?.stats();
    const cpuBefore = process.cpuUsage();
    const machineBefore = machineCpuMs().busy;
    const postgresBefore = engine === 'postgres' ? cpuMsOfAll('postgres') : 0;
    const before = count();
    const drainStart = performance.now();
    ctx.scoreDelivery.start();
    await waitFor(() => count() >= before + backlog.length, 'backlog delivered');
    const drainMs = performance.now() - drainStart;
    const cpu = process.cpuUsage(cpuBefore);
    const postgresMs = engine === 'postgres' ? cpuMsOfAll('postgres') - postgresBefore : 0;
    const othersCores = Math.max(0, machineCpuMs().busy - machineBefore - (cpu.user + cpu.system) / 1000 - postgresMs) / drainMs;
    await sleep(engine === 'postgres' ? 11_000 : 0);
    const statsAfter = await database?.stats();
    log(`backlog: delivered in ${drainMs.toFixed(0)} ms (${((backlog.length * 1000) / drainMs).toFixed(0)}/s)`);

    // Steady: scores arrive on schedule while the worker runs.
    const steadyResults: GradesResult['steady'] = [];
    for (const rate of rates) {
      await waitQuiet();
      const steady = take(Math.round(rate * durationS));
      const latency: number[] = [];
      const recordLatency: number[] = [];
      const steadyStart = performance.now();
      const calls = steady.map(async (t, i) => {
        await sleep(Math.max(0, steadyStart + (i * 1000) / rate - performance.now()));
        const called = performance.now();
        const arrived = arrival(t.key, called);
        await record(t);
        recordLatency.push(performance.now() - called);
        latency.push((await arrived) - called);
      });
      await Promise.all(calls);
      const elapsed = performance.now() - steadyStart;
      log(`steady: ${steady.length} scores at ${rate}/s, p99 ${percentiles(latency).p99.toFixed(0)} ms`);
      steadyResults.push({ rate, scores: steady.length, achievedRate: (steady.length * 1000) / elapsed, latency: percentiles(latency), record: percentiles(recordLatency) });
    }

    // Bursts: all at the same instant.
    const burstResults: GradesResult['bursts'] = [];
    for (const burst of bursts) {
      await sleep(1000);
      await waitQuiet();
      const burstTargets = take(burst);
      const burstStart = performance.now();
      const burstArrivals = burstTargets.map((t) => arrival(t.key, burstStart));
      await Promise.all(burstTargets.map(record));
      const recordMs = performance.now() - burstStart;
      const latency = (await Promise.all(burstArrivals)).map((at) => at - burstStart);
      log(`burst: ${burst} scores, last delivered after ${Math.max(...latency).toFixed(0)} ms`);
      burstResults.push({ scores: burst, recordMs, latency: percentiles(latency) });
    }

    const failed = await ctx.db.selectFrom('grade_scores').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'failed').executeTakeFirstOrThrow();
    return {
      engine,
      pgVersion: database?.serverVersion,
      learners,
      analyzed: engine === 'pglite' && args.analyze,
      activities,
      backlog: { scores: backlog.length, recordPerSecond: (backlog.length * 1000) / recordMs, deliveredPerSecond: (backlog.length * 1000) / drainMs, cpuMsPerScore: (cpu.user + cpu.system) / 1000 / backlog.length, postgresMsPerScore: postgresMs / backlog.length, othersCores, db: dbPerScore(statsBefore, statsAfter, backlog.length) },
      steady: steadyResults,
      bursts: burstResults,
      failed: Number(failed.n),
    };
  } finally {
    await running?.close();
    await platform.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function dbPerScore(before: DatabaseStats | undefined, after: DatabaseStats | undefined, n: number) {
  if (!before || !after) return undefined;
  return { commits: (after.commits - before.commits) / n, written: (after.inserted + after.updated - before.inserted - before.updated) / n, fetched: (after.fetched - before.fetched) / n };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const results: GradesResult[] = [];
let pgVersion: string | undefined;
for (const engine of engines) {
  const { pgVersion: version, ...result } = await benchEngine(engine);
  results.push(result);
  pgVersion ??= version;
}
const machine = describeMachine(pgVersion);
process.stdout.write(`\n${formatGradesTable(results)}\n\n${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}${pgVersion ? `, PostgreSQL ${pgVersion}` : ''}\n`);
if (!args['no-results']) {
  const command = `npm run bench:grades -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  writeGradesResults(path.join(REPO, 'bench', 'RESULTS.md'), results, { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), command, machine });
  log('bench/RESULTS.md updated');
}
process.exit(0);
