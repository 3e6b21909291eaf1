/**
 * Full LTI launches per second against the real server (issue #2).
 *
 *   npm run bench:launch -- [--engine pglite|postgres|both] [--users 32] [--duration 20] [--warmup 5]
 *                           [--database-url postgres://postgres@127.0.0.1:5432/test] [--courses 1]
 *                           [--client http|fetch] [--sign inline|worker] [--cpu-prof DIR] [--no-results]
 *                           [--wait-quiet SECONDS [--max-noise 0.25] [--retries 4]]
 *
 * Starts `node dist/server.js` (building first when needed) on a fresh DATA_DIR, and for PostgreSQL
 * on a fresh database made from --database-url (dropped at the end), registers the bench platform
 * with the real CLI, then drives full launches from N users and reports throughput, latency,
 * CPU and the server's resident memory. Results go to bench/RESULTS.md. No pass/fail: a benchmark.
 *
 * The server is started twice on its database: once to create it (PGlite's initdb runs in the
 * server process) and register the platform, then again, as it runs from then on; the load goes
 * to the second.
 *
 *   --client fetch   drive it with fetch and a keep-alive undici Agent instead of node:http and a
 *                    keep-alive Agent (fetch costs the shared cores more CPU per request)
 *   --sign worker    sign the platform's id_tokens on a worker thread, not the bench's main thread
 *   --courses N      spread the users over N courses (default 1: a whole class, one activity)
 *   --wait-quiet S   on a shared machine, wait up to S seconds for other processes to leave the
 *                    CPU before measuring, and measure again (up to --retries times) when they
 *                    took more than --max-noise cores during the measurement
 *   --cpu-prof DIR   write the server's V8 CPU profile (read it with bench/cpuprofile-summary.ts)
  --rate R         open loop: R launches/s arrive on schedule (Poisson) and wait for one of the
                   --users; latency counts from the arrival. Default: closed loop, each user
                   launching again as soon as its launch ended
  --pool-size N    DATABASE_POOL_SIZE for the server (default: the server's, 10)
  --node-arg FLAG  pass FLAG to the measured server's node (repeatable), e.g. --node-arg=--trace-gc
  --timeline       print launches and latency for each second of the measurement
  --root DIR       measure the server built in another checkout (dist/, public/) instead of this one
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TestPlatform } from '../test/support/test-platform.js';
import { createLoadDriver, type ClientMode, type SignMode } from './support/load.js';
import { createBenchDatabase, type BenchDatabase, type DatabaseStats } from './support/postgres-db.js';
import { RssSampler, cpuStopwatch, machineCpuMs, rssMiB } from './support/proc-stats.js';
import { describeMachine, formatTable, summarize, tableRows, type EngineResult } from './support/report.js';
import { writeResults, type RunMeta } from './support/results-file.js';
import { buildIfNeeded, registerPlatformWithCli, startServerProcess, type ServerProcess } from './support/server-process.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    users: { type: 'string', default: '32' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    courses: { type: 'string', default: '1' },
    sign: { type: 'string', default: 'inline' },
    client: { type: 'string', default: 'http' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'cpu-prof': { type: 'string' },
    'wait-quiet': { type: 'string', default: '0' },
    'max-noise': { type: 'string', default: '0.25' },
    retries: { type: 'string', default: '4' },
    root: { type: 'string' },
    'pool-size': { type: 'string' },
    rate: { type: 'string' },
    'node-arg': { type: 'string', multiple: true },
    timeline: { type: 'boolean', default: false },
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
const users = positive('users');
const durationS = positive('duration');
const warmupS = Number(args.warmup);
const courses = positive('courses');
const sign = args.sign as SignMode;
/** The checkout whose server is measured (--root: another build, e.g. a branch to compare). */
const ROOT = args.root ? path.resolve(args.root) : REPO;
const waitQuietS = Number(args['wait-quiet']);
const maxNoise = Number(args['max-noise']);
const retries = Math.max(1, Number(args.retries));
/** Open loop: launches per second arriving on schedule (--users caps how many run at once). */
const rate = args.rate ? Number(args.rate) : undefined;
if (rate !== undefined && !(rate > 0)) throw new Error('--rate must be a positive number of launches per second');
const client = args.client as ClientMode;
if (client !== 'http' && client !== 'fetch') throw new Error('--client must be http or fetch');
if (sign !== 'inline' && sign !== 'worker') throw new Error('--sign must be inline or worker');

function positive(name: 'users' | 'duration' | 'courses'): number {
  const v = Number(args[name]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

/** Everything to undo, newest first; run on success, failure and Ctrl-C alike. */
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(downTo = 0): Promise<void> {
  while (cleanups.length > downTo) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      log(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function benchEngine(engine: 'pglite' | 'postgres', platform: TestPlatform): Promise<{ result: EngineResult; pgVersion?: string }> {
  log(`── ${engine} ──`);
  const mark = cleanups.length;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `amphi-bench-${engine}-`));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  let database: BenchDatabase | undefined;
  if (engine === 'postgres') {
    database = await createBenchDatabase(args['database-url']!);
    cleanups.push(() => database!.drop());
    log(`database ${database.name} (PostgreSQL ${database.serverVersion})`);
  }
  const nodeArgs: string[] = [...(args['node-arg'] ?? [])];
  if (args['cpu-prof']) {
    const dir = path.resolve(args['cpu-prof'], engine);
    fs.mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir);
    log(`CPU profile of the server → ${dir}`);
  }
  const secretKey = crypto.randomBytes(32).toString('base64');
  const start = (extraArgs: string[] = []) => startServerProcess({
      root: ROOT,
      dataDir,
      databaseUrl: database?.url,
      secretKey,
      nodeArgs: extraArgs,
      env: args['pool-size'] ? { DATABASE_POOL_SIZE: args['pool-size'] } : {},
    });

  // First start: creates the database (PGlite runs initdb in the server process) and migrates it.
  const first = await start();
  cleanups.push(() => first.stop());
  log(`first start: server pid ${first.pid} at ${first.url}`);
  const added = await registerPlatformWithCli(ROOT, first.env, platform.registration());
  log(`platform ${added.id} registered with amphi platform add`);
  await sleep(2000);
  const idleFirstStart = rssMiB(first.pid)!;
  await first.stop();
  cleanups.pop();

  // The server as it runs from then on: restarted on an existing database.
  const spawnedAt = performance.now();
  const server: ServerProcess = await start(nodeArgs);
  cleanups.push(() => server.stop());
  log(`restarted: server pid ${server.pid} at ${server.url}`);
  await sleep(2000);
  const idleStart = rssMiB(server.pid)!;
  const driver = await createLoadDriver({ platform, toolUrl: server.url, users, courses, sign, client });
  cleanups.push(() => driver.close());
  try {
    // Statements per launch, counted apart: 50 launches one after the other, between two readings
    // of pg_stat_database. Backends report at the latest 10 s after going idle: wait them out.
    let db: { before: DatabaseStats; after: DatabaseStats; launches: number } | undefined;
    if (database) {
      log('counting transactions per launch (pg_stat_database)');
      await driver.sequential(1); // the user's first launch creates its rows; count repeat launches
      await sleep(11_000);
      const before = await database.stats();
      const launches = await driver.sequential(50);
      server.died.throwIfAborted();
      await sleep(11_000);
      db = { before, after: await database.stats(), launches };
    }

    if (warmupS > 0) {
      log(`warm-up ${warmupS} s`);
      const warm = await driver.run(warmupS, rate, server.died);
      server.died.throwIfAborted();
      log(`warm-up: ${warm.samples.length} launches, ${warm.errors} errors`);
    }
    await sleep(3000);
    const idleAfterWarmup = rssMiB(server.pid)!;

    // On a shared machine, measure again while other processes took more than --max-noise cores.
    let attempt = 0;
    let m: Awaited<ReturnType<typeof measure>>;
    for (;;) {
      if (waitQuietS > 0) await waitForQuiet(waitQuietS);
      m = await measure();
      const others = Math.max(0, m.cpu.machineBusyMs - m.cpu.serverMs - m.cpu.clientMs - m.cpu.postgresMs) / m.cpu.wallMs;
      if (waitQuietS <= 0 || others <= maxNoise || ++attempt >= retries) break;
      log(`other processes took ${others.toFixed(2)} cores during the measurement (> ${maxNoise}): measuring again (${attempt}/${retries - 1})`);
    }
    const { load, cpu, rss, idleAfterLoad } = m;
    if (args.timeline) printTimeline(load.samples, load.startedAt);

    async function measure() {
      // An idle pause closes pooled connections and lets the cores go cold: 4 s of the same load
      // first, not measured.
      await driver.run(4, rate, server.died);
      log(`measuring ${durationS} s with ${users} users${rate ? `, ${rate} launches/s arriving (open loop)` : ''}`);
      const sampler = new RssSampler(server.pid);
      sampler.start();
      const stopwatch = cpuStopwatch(server.pid, engine === 'postgres');
      const measuredFrom = (performance.now() - spawnedAt) / 1000;
      const load = await driver.run(durationS, rate, server.died);
      server.died.throwIfAborted();
      const cpu = stopwatch();
      if (args['cpu-prof']) {
        const window = `${measuredFrom.toFixed(1)}-${((performance.now() - spawnedAt) / 1000).toFixed(1)}`;
        log(`profile: npx tsx bench/cpuprofile-summary.ts ${path.resolve(args['cpu-prof'], engine)}/*.cpuprofile --window ${window} --launches ${load.samples.length}`);
      }
      const rss = sampler.stop();
      await sleep(3000);
      const idleAfterLoad = rssMiB(server.pid)!;
      return { load, cpu, rss, idleAfterLoad };
    }

    const result = summarize(
      engine,
      users,
      load.samples,
      load.elapsedMs,
      load.errors,
      load.errorMessages,
      { idleFirstStart, idleStart, idleAfterWarmup, loadPeak: rss.peak, loadMean: rss.mean, idleAfterLoad },
      cpu,
      db,
    );
    if (load.errors) log(`${load.errors} failed launches; last server output:\n${server.output()}`);
    return { result, pgVersion: database?.serverVersion };
  } finally {
    // Stop this engine's server and database now, not at the very end.
    await cleanUp(mark);
  }
}

/** How busy the machine is before we start: the figures are only as clean as the machine. */
async function logBackgroundLoad(): Promise<void> {
  const before = machineCpuMs().busy;
  await sleep(2000);
  const cores = (machineCpuMs().busy - before) / 2000;
  log(`machine busy before the run: ${cores.toFixed(2)} of ${os.availableParallelism()} cores${cores > 0.2 ? ' — other work is running; figures will be lower and noisier' : ''}`);
}

/** The measured checkout's commit, marked when src/ has uncommitted changes. */
function gitCommit(root: string): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** Launches, median and worst end-to-end latency for each second of the measurement. */
function printTimeline(samples: { at: number; e2eMs: number }[], startedAt: number): void {
  const seconds = new Map<number, number[]>();
  for (const s of samples) {
    const k = Math.floor((s.at - startedAt) / 1000);
    seconds.set(k, [...(seconds.get(k) ?? []), s.e2eMs]);
  }
  for (const [k, v] of [...seconds].sort((a, b) => a[0] - b[0])) {
    v.sort((a, b) => a - b);
    log(`t=${String(k).padStart(3)} s  ${String(v.length).padStart(4)} launches  p50 ${v[Math.floor(v.length / 2)]!.toFixed(0).padStart(5)} ms  max ${v.at(-1)!.toFixed(0).padStart(5)} ms`);
  }
}

/**
 * On a shared machine, waits (up to `maxS`) until the other processes leave the cores alone:
 * less than 0.15 core busy over 2 s while our server idles.
 */
async function waitForQuiet(maxS: number): Promise<void> {
  const deadline = Date.now() + maxS * 1000;
  let said = false;
  for (;;) {
    const before = machineCpuMs().busy;
    await sleep(2000);
    const cores = (machineCpuMs().busy - before) / 2000;
    if (cores < 0.15) return;
    if (Date.now() > deadline) {
      log(`the machine is still busy (${cores.toFixed(2)} cores); measuring anyway`);
      return;
    }
    if (!said) log(`waiting for the machine to be quiet (${cores.toFixed(2)} cores busy elsewhere), up to ${maxS} s`);
    said = true;
  }
}

async function main(): Promise<void> {
  await buildIfNeeded(ROOT, log);
  await logBackgroundLoad();
  const platform = await TestPlatform.start();
  cleanups.push(() => platform.close());
  const baseCleanups = cleanups.length;
  const results: EngineResult[] = [];
  let pgVersion: string | undefined;
  for (const engine of engines) {
    const outcome = await benchEngine(engine, platform);
    if (cleanups.length !== baseCleanups) throw new Error('cleanup stack out of order');
    results.push(outcome.result);
    pgVersion ??= outcome.pgVersion;
  }
  const machine = describeMachine(pgVersion);
  process.stdout.write(`\n${formatTable(tableRows(results, results.map((r) => (rate ? `${r.engine} @ ${rate}/s` : r.engine))))}\n`);
  for (const r of results) for (const [msg, n] of r.errorMessages) process.stdout.write(`${r.engine} error ×${n}: ${msg}\n`);
  process.stdout.write(`\n${machine.cpus} CPUs, ${machine.cpuModel}, ${machine.ramGiB.toFixed(1)} GiB, Node ${machine.node}${pgVersion ? `, PostgreSQL ${pgVersion}` : ''}\n`);
  if (!args['no-results']) {
    const command = `npm run bench:launch -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
    const meta: RunMeta = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), command, commit: gitCommit(ROOT), machine, sign, client, courses, warmupS, rate };
    writeResults(path.join(REPO, 'bench', 'RESULTS.md'), results.map((result) => ({ result, meta })));
    log('bench/RESULTS.md updated');
  }
}

try {
  await main();
  await cleanUp();
  process.exit(0);
} catch (err) {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await cleanUp();
  process.exit(1);
}
