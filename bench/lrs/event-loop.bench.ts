/**
 * Does a large statement batch hold the server's event loop? (issue 13, item 8)
 *
 *   npm run bench:lrs-event-loop -- [--statements 9000] [--runs 3] [--engines pglite,postgres]
 *                                    [--interval 5] [--root DIR] [--no-build] [--database-url postgres://…] [--json]
 *
 * Amphi runs as deployed (`node dist/server.js`, its own process, built from --root, default this
 * checkout: give another checkout to measure an older commit), on a fresh embedded database
 * (PGlite) and/or a fresh PostgreSQL database (created from --database-url, default
 * BENCH_DATABASE_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, dropped at the
 * end). A platform and an `all` credential are made with the CLI. After a warm-up batch of 100,
 * each run POSTs one batch of --statements generated statements (statement-generator.ts) while
 * this process asks GET /healthz again --interval ms after each answer. Reported per run:
 *
 *   batch          time from sending the batch to its 200
 *   healthz        latency of the probes sent while the batch was in flight (p50, max) and how
 *                  many were answered before the batch's own answer
 *   loop delay     the server's own event-loop delay during the run (monitorEventLoopDelay,
 *                  event-loop-probe.mjs loaded with --import; reset and read with SIGUSR2)
 *
 * The longest /healthz wait is what every other tenant of the server waited at worst.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBenchDatabase, type BenchDatabase } from '../support/postgres-db.js';
import { describeMachine, formatTable, machineLine, percentiles } from '../support/report.js';
import { registerPlatformWithCli, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { StatementGenerator } from './statement-generator.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    statements: { type: 'string', default: '9000' },
    runs: { type: 'string', default: '3' },
    engines: { type: 'string', default: 'pglite,postgres' },
    interval: { type: 'string', default: '5' },
    root: { type: 'string', default: path.resolve(here, '..', '..') },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Use the root's dist/ as it is (built by hand) instead of running npm run build:server. */
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(args.statements);
const runs = Number(args.runs);
const intervalMs = Number(args.interval);
const root = path.resolve(args.root!);
const engines = args.engines!.split(',').map((e) => e.trim()) as ('pglite' | 'postgres')[];
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

interface LoopDelay {
  max: number;
  p99: number;
  p50: number;
  mean: number;
  samples: number;
}

interface RunResult {
  engine: 'pglite' | 'postgres';
  run: number;
  bodyMB: number;
  batchMs: number;
  probes: number;
  answeredDuringBatch: number;
  healthzP50: number;
  healthzMax: number;
  loop: LoopDelay;
}

if (!args['no-build']) {
  log(`npm run build:server in ${root}`);
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
}
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `(not a git checkout: ${root})`;
  }
})();

const generator = new StatementGenerator({ seed: 1, expectedStatements: (count + 100) * runs * engines.length });
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const results: RunResult[] = [];

for (const engine of engines) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-loop-bench-'));
  const database: BenchDatabase | undefined = engine === 'postgres' ? await createBenchDatabase(args['database-url']!) : undefined;
  // The server's whole output goes to this file too (server-process.ts): the loop-delay lines are read from it.
  const outputFile = path.join(dataDir, 'server-output.log');
  process.env.BENCH_SERVER_OUTPUT = outputFile;
  const server = await startServerProcess({
    root,
    dataDir,
    databaseUrl: database?.url,
    nodeArgs: ['--import', path.join(here, 'event-loop-probe.mjs')],
  });
  try {
    const authorization = await credentialFor(server, generator.world.issuer);
    await postBatch(server.url, authorization, Buffer.from(JSON.stringify(generator.take(100))));
    for (let run = 1; run <= runs; run++) {
      // Encoded beforehand: the probes share this process, whose loop must stay free while the batch is sent.
      const body = Buffer.from(JSON.stringify(generator.take(count)));
      await loopDelay(server, outputFile);
      const probes = startProbes(server.url);
      const started = performance.now();
      await postBatch(server.url, authorization, body);
      const batchEnd = performance.now();
      const samples = await probes.stop();
      const loop = await loopDelay(server, outputFile);
      const during = samples.filter((s) => s.sentAt < batchEnd);
      const latency = percentiles(during.map((s) => s.ms));
      const result: RunResult = {
        engine,
        run,
        bodyMB: body.length / 1e6,
        batchMs: batchEnd - started,
        probes: during.length,
        answeredDuringBatch: during.filter((s) => s.sentAt + s.ms < batchEnd).length,
        healthzP50: latency.p50,
        healthzMax: latency.max,
        loop,
      };
      results.push(result);
      log(`${engine} run ${run}: batch ${result.batchMs.toFixed(0)} ms, healthz max ${result.healthzMax.toFixed(1)} ms, loop delay max ${loop.max} ms`);
    }
  } finally {
    await server.stop();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
agent.destroy();

const machine = describeMachine();
if (args.json) {
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), commit, machine, statements: count, intervalMs, results }, null, 2)}\n`);
} else {
  process.stdout.write(`${new Date().toISOString()} · commit ${commit} · ${machineLine(machine)} · load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);
  process.stdout.write(
    formatTable([
      ['engine', 'run', 'body MB', 'batch ms', '/healthz probes', 'answered before the batch', 'healthz p50 ms', 'healthz max ms', 'loop delay p99 ms', 'loop delay max ms'],
      ...results.map((r) => [
        r.engine, String(r.run), r.bodyMB.toFixed(1), r.batchMs.toFixed(0), String(r.probes), String(r.answeredDuringBatch),
        r.healthzP50.toFixed(1), r.healthzMax.toFixed(1), r.loop.p99.toFixed(1), r.loop.max.toFixed(1),
      ]),
    ]) + '\n',
  );
}

/** A platform and an `all` credential through the CLI (with PGlite it talks to the running server). */
async function credentialFor(server: ServerProcess, issuer: string): Promise<string> {
  const platform = await registerPlatformWithCli(root, server.env, {
    issuer, clientId: 'amphi-bench', authLoginUrl: `${issuer}/auth`, authTokenUrl: `${issuer}/token`, jwksUrl: `${issuer}/jwks`, deploymentIds: ['1'],
  });
  const out = execFileSync(process.execPath, ['dist/cli/main.js', 'lrs', 'credentials', 'create', '--platform', platform.id, '--scopes', 'all', '--name', 'bench', '--json'], {
    cwd: root,
    env: server.env,
    encoding: 'utf8',
  });
  const { key, secret } = JSON.parse(out) as { key: string; secret: string };
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

function postBatch(url: string, authorization: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = { Authorization: authorization, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', 'Content-Length': body.length };
    const req = http.request(`${url}/xapi/statements`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => {
        if (res.statusCode === 200) resolve();
        else reject(new Error(`POST /xapi/statements answered ${res.statusCode}: ${text.slice(0, 300)}`));
      });
    });
    req.on('error', reject).end(body);
  });
}

/** GET /healthz, the next one `intervalMs` after each answer, until stopped. */
function startProbes(url: string) {
  const samples: { sentAt: number; ms: number }[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const sentAt = performance.now();
      await new Promise<void>((resolve, reject) => {
        http.get(`${url}/healthz`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
      });
      samples.push({ sentAt, ms: performance.now() - sentAt });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

/** The server's loop-delay histogram since the last call (event-loop-probe.mjs), then reset. */
async function loopDelay(server: ServerProcess, outputFile: string): Promise<LoopDelay> {
  const loopLines = () => (fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : '').split('\n').filter((l) => l.includes('[event-loop]'));
  const before = loopLines().length;
  process.kill(server.pid, 'SIGUSR2');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const lines = loopLines();
    if (lines.length > before) return JSON.parse(lines.at(-1)!.replace(/^.*\[event-loop\] /, '')) as LoopDelay;
    if (Date.now() > deadline) throw new Error(`no event-loop line from the server:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
