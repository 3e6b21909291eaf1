/**
 * 300 learners joining the same classroom within one second (the figure).
 *
 * The real app (buildApp over HTTP on loopback, PGlite in memory, then PostgreSQL too when
 * DATABASE_URL is set) and the strict fake BBB (test/support/fake-bbb). 300 learners launch through the test
 * platform first (not timed); then each run makes a new classroom (waitForModerator off), and the
 * 300 POST /api/classrooms/:id/join are sent spread evenly over `--window` ms (0: all at once).
 * Measured per learner: from sending the POST to having the join URL. Checked: BBB create called
 * exactly once, every join URL valid (the fake answers 302 into its client).
 *
 *   npm run bench:classroom [-- --learners 300 --window 1000 --write]
 *
 * Runs: BBB delay 0 ms (the figure: Amphi's own time) and 100 ms (for information: BBB's create
 * takes 100 ms, as a loaded server might). The clients run on a worker thread (join-client.mjs),
 * so that their HTTP work is not counted on the app's thread.
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { useFakeBbbFor } from '../../test/support/bbb-fixture.js';
import { launchPerson, type LaunchedPerson } from '../../test/support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../test/support/fake-bbb/index.js';
import { createResource } from '../../test/support/factories.js';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { ROLE, TestPlatform } from '../../test/support/test-platform.js';

const { values: args } = parseArgs({
  options: {
    learners: { type: 'string', default: '300' },
    window: { type: 'string', default: '1000' },
    delays: { type: 'string', default: '0,100' },
    write: { type: 'boolean', default: false },
    /** Joins on a classroom of their own before the timed runs, so the timed ones do not pay V8's warm-up of the join code. */
    warmup: { type: 'string', default: '100' },
    /** pglite, postgres or both (default: pglite, and postgres too when DATABASE_URL is set). */
    engines: { type: 'string' },
    /** Writes a V8 CPU profile of the join phase of the first run (bench/cpuprofile-summary.ts reads it). */
    'cpu-prof': { type: 'string' },
  },
});
const LEARNERS = Number(args.learners);
const WINDOW_MS = Number(args.window);
const DELAYS = args.delays!.split(',').map(Number);
const RESULTS = path.join(import.meta.dirname, '..', 'RESULTS.md');
const BEGIN = '<!-- classroom-bench:begin -->';
const END = '<!-- classroom-bench:end -->';

interface Run {
  engine: string;
  bbbDelayMs: number;
  creates: number;
  ready: number;
  validUrls: number;
  spreadMs: number;
  /** Process CPU per join (app, fake BBB and the client's worker thread), from process.cpuUsage. */
  cpuMsPerJoin: number;
  /** The app's thread busy per join (event-loop utilisation; PGlite runs on it too): the app's own cost. */
  appThreadMsPerJoin: number;
  ms: { p50: number; p95: number; p99: number; max: number };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function openJoinUrl(fake: FakeBbb, url: string): Promise<boolean> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return res.status === 302 && (res.headers.get('location') ?? '').startsWith(`${fake.origin}/client/BigBlueButton.html?sessionToken=`);
}

async function runOnce(engine: string, app: TestApp, fake: FakeBbb, teacher: LaunchedPerson, learners: LaunchedPerson[], bbbDelayMs: number, timed = true): Promise<Run> {
  const classroom = await createResource(app.ctx.db, {
    platform_id: teacher.platformId,
    context_id: teacher.contextId,
    created_by: teacher.userId,
    kind: 'classroom',
    title: `Amphi de rentrée (delay ${bbbDelayMs} ms)`,
    gradable: false,
    score_maximum: null,
    settings: JSON.stringify({ waitForModerator: false }),
  });
  fake.setDelay(bbbDelayMs);
  const createsBefore = fake.count('create');
  const profiler = timed && args['cpu-prof'] && bbbDelayMs === DELAYS[0] ? new inspector.Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const answers = await new Promise<{ ms: number; sentAt: number; body: { status?: string; joinUrl?: string } }[]>((resolve, reject) => {
    const worker = new Worker(new URL('./join-client.mjs', import.meta.url), {
      workerData: { url: `${app.url}/api/classrooms/${classroom.id}/join`, tokens: learners.map((l) => l.token), windowMs: WINDOW_MS },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const appThreadMs = performance.eventLoopUtilization(eluBefore).active;
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(args['cpu-prof']!, JSON.stringify(profile));
    profiler.disconnect();
  }
  fake.setDelay(0);
  if (!timed) return { engine, bbbDelayMs, creates: 0, ready: answers.filter((a) => a.body.status === 'ready').length, validUrls: 0, spreadMs: 0, cpuMsPerJoin: 0, appThreadMsPerJoin: 0, ms: { p50: 0, p95: 0, p99: 0, max: 0 } };
  const valid = await Promise.all(answers.map((a) => (a.body.joinUrl ? openJoinUrl(fake, a.body.joinUrl) : false)));
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  return {
    engine,
    bbbDelayMs,
    creates: fake.count('create') - createsBefore,
    ready: answers.filter((a) => a.body.status === 'ready').length,
    validUrls: valid.filter(Boolean).length,
    spreadMs: Math.max(...answers.map((a) => a.sentAt)),
    cpuMsPerJoin: (cpu.user + cpu.system) / 1000 / learners.length,
    appThreadMsPerJoin: appThreadMs / learners.length,
    ms: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted.at(-1)! },
  };
}

function report(runs: Run[], loadAtStart: number): string {
  const cpu = os.cpus();
  const r1 = (n: number) => n.toFixed(1);
  const lines = [
    BEGIN,
    `Generated by \`npm run bench:classroom${args.write ? ' -- --write' : ''}\` (bench/classroom/join.bench.ts) on ${new Date().toISOString().slice(0, 16)}Z: ` +
      `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; ${LEARNERS} learners, POSTs spread over ${WINDOW_MS} ms after a warm-up of ${args.warmup} joins; app and fake BBB on one thread, the 300 clients on a worker thread.`,
    '',
    `Load average when the runs started: ${loadAtStart.toFixed(1)} (1 min) on ${cpu.length} cores.`,
    '',
    '| engine | BBB delay | create calls | ready | valid join URLs | p50 ms | p95 ms | p99 ms | max ms | app thread ms / join | process CPU ms / join |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.engine} | ${r.bbbDelayMs} ms | ${r.creates} | ${r.ready}/${LEARNERS} | ${r.validUrls}/${LEARNERS} | ${r1(r.ms.p50)} | ${r1(r.ms.p95)} | ${r1(r.ms.p99)} | ${r1(r.ms.max)} | ${r.appThreadMsPerJoin.toFixed(2)} | ${r.cpuMsPerJoin.toFixed(2)} |`,
    ),
    END,
  ];
  return lines.join('\n');
}

/** One engine: a fresh app and database, 300 learners launched, then one run per BBB delay. */
async function runEngine(engine: string): Promise<Run[]> {
  const app = await startTestApp();
  const platform = await TestPlatform.start();
  const fake = await startFakeBbb();
  try {
    await app.register(platform);
    const teacher = await launchPerson(app.ctx.db, platform, app.url, { sub: 'teacher', roles: [ROLE.instructor] });
    await useFakeBbbFor(app.ctx, teacher.platformId, fake);
    console.log(`${engine}: launching ${LEARNERS} learners (not timed)…`);
    const learners: LaunchedPerson[] = [];
    for (let i = 0; i < LEARNERS; i++) learners.push(await launchPerson(app.ctx.db, platform, app.url, { sub: `learner-${i}`, name: `Learner ${i}`, roles: [ROLE.learner] }));
    const warm = await runOnce(engine, app, fake, teacher, learners.slice(0, Number(args.warmup)), 0, false);
    console.log(`warm-up: ${warm.ready} joins`);
    const runs: Run[] = [];
    for (const delay of DELAYS) {
      const run = await runOnce(engine, app, fake, teacher, learners, delay);
      console.log(JSON.stringify(run));
      runs.push(run);
    }
    return runs;
  } finally {
    await fake.close();
    await app.close();
    await platform.close();
  }
}

/** PGlite, then PostgreSQL when DATABASE_URL names a server (the test database helper makes a database of its own there). */
async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const runs: Run[] = [];
  const engines = args.engines ?? (process.env.DATABASE_URL ? 'both' : 'pglite');
  if (engines !== 'postgres') {
    process.env.TEST_DB_ENGINE = 'pglite';
    runs.push(...(await runEngine('PGlite')));
  }
  if (engines !== 'pglite') {
    if (!process.env.DATABASE_URL) throw new Error('--engines postgres needs DATABASE_URL');
    process.env.TEST_DB_ENGINE = 'postgres';
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    runs.push(...(await runEngine('PostgreSQL')));
  }
  const text = report(runs, loadAtStart);
  console.log(`\n${text}`);
  const failed = runs.filter((r) => r.creates !== 1 || r.ready !== LEARNERS || r.validUrls !== LEARNERS);
  if (failed.length) {
    console.error('FAILED: create must be called once and every learner get a valid join URL');
    process.exitCode = 1;
  } else if (args.write) {
    const current = fs.readFileSync(RESULTS, 'utf8');
    const start = current.indexOf(BEGIN);
    const end = current.indexOf(END);
    const next = start >= 0 && end > start ? current.slice(0, start) + text + current.slice(end + END.length) : `${current.trimEnd()}\n\n${text}\n`;
    fs.writeFileSync(RESULTS, next);
    console.log(`written to ${RESULTS}`);
  }
}

await main();
