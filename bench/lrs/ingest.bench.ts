/**
 * Statement ingestion: POST /xapi/statements over HTTP, against the same rows bulk-inserted.
 *
 *   npm run bench:lrs-ingest -- [--statements 50000] [--batch 100] [--clients 4] [--seed 1]
 *                               [--database-url postgres://…] [--keep] [--json]
 *
 * Amphi runs as a deployment runs it, `node dist/server.js` in its own process (lrs-server-process.ts),
 * on a fresh PostgreSQL database (created from --database-url, default BENCH_DATABASE_URL,
 * DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, and dropped at the end unless
 * --keep). --statements generated statements (statement-generator.ts: video, classroom and Moodle
 * traces) are sent in batches of --batch by --clients clients at once, as a Moodle logstore or a
 * video player's queue does, from this process. Request bodies are serialised beforehand.
 *
 *   http   statements/s through the LRS: authentication, validation, the transaction that writes
 *          the statements, their activity definitions and the forwarding outbox
 *   raw    the same rows (statementRow, the store's own row builder) inserted into the same empty
 *          table with the store's INSERT (insertStatementRows), in the same batches, by as many
 *          clients: what PostgreSQL alone costs
 *
 * http as a share of raw is what is left of PostgreSQL's own speed once the LRS does its work around
 * the INSERT. On a small machine the server, the clients and PostgreSQL share the same cores.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Statement } from '../../src/lrs/xapi/xapi.types.js';
import { describeMachine, formatTable, machineLine, percentiles, type Percentiles } from '../support/report.js';
import { DEFAULT_ADMIN_URL, log, parsePositive, runPool, storedRow } from './lrs-bench-setup.js';
import { startLrsServerProcess, type LrsServerBench } from './lrs-server-process.js';
import { cpuMs, cpuMsOfAll } from '../support/proc-stats.js';
import { StatementGenerator } from './statement-generator.js';
import { insertStatementRows } from './amphi-build.js';

const { values: args } = parseArgs({
  options: {
    statements: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '100' },
    clients: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: DEFAULT_ADMIN_URL },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const total = parsePositive('statements', args.statements);
const batchSize = parsePositive('batch', args.batch);
const clients = parsePositive('clients', args.clients);

interface Phase {
  statements: number;
  seconds: number;
  perSecond: number;
  batchMs: Percentiles;
  serverCpuMsPerStatement: number;
  clientCpuMsPerStatement: number;
  postgresCpuMsPerStatement: number;
}

log(`generating ${total} statements (seed ${args.seed})`);
const generator = new StatementGenerator({ seed: Number(args.seed), expectedStatements: total });
const statements = generator.take(total);
const batches: Statement[][] = [];
for (let i = 0; i < total; i += batchSize) batches.push(statements.slice(i, i + batchSize));
const bodies = batches.map((b) => JSON.stringify(b));
const meanBytes = bodies.reduce((n, b) => n + b.length, 0) / total;

const bench = await startLrsServerProcess({ adminUrl: args['database-url']!, world: generator.world, scopes: ['statements/write', 'statements/read'], keep: args.keep, poolSize: Math.max(10, clients + 2) });
try {
  const { url } = bench.server;
  const db = bench.handle.db;
  const post = async (body: string) => {
    const response = await fetch(`${url}/xapi/statements`, {
      method: 'POST',
      headers: { Authorization: bench.authorization, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body,
    });
    if (response.status !== 200) throw new Error(`POST /xapi/statements answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };

  log('warm-up: 20 batches of other statements');
  const warm = new StatementGenerator({ seed: Number(args.seed) + 1000 });
  for (let i = 0; i < 20; i++) await post(JSON.stringify(warm.take(batchSize)));
  await emptyStatements(bench);

  log(`http: ${batches.length} batches of ${batchSize}, ${clients} clients`);
  const http = await measure(batches.length, async (i) => post(bodies[i]!));
  const stored = await countStatements(bench);
  if (stored !== total) throw new Error(`${stored} statements stored, ${total} sent`);
  const tableBytes = await tableSize(bench);

  log('raw: the same rows with the store’s INSERT');
  const storedAt = new Date().toISOString();
  const rowBatches = batches.map((b) => b.map((s) => storedRow(bench, s, storedAt)));
  await emptyStatements(bench);
  const raw = await measure(rowBatches.length, async (i) => void (await insertStatementRows(db, rowBatches[i]!)));

  const result = { statements: total, batch: batchSize, clients, meanStatementBytes: Math.round(meanBytes), tableBytesPerStatement: Math.round(tableBytes / total), http, raw, share: http.perSecond / raw.perSecond };
  const machine = describeMachine(bench.database.serverVersion);
  if (args.json) process.stdout.write(`${JSON.stringify({ result, machine }, null, 2)}\n`);
  else process.stdout.write(`\n${report(result)}\n\n${machineLine(machine)}\n`);
} finally {
  await bench.close();
}
process.exit(0);

function cpuNow() {
  const own = process.cpuUsage();
  return { serverMs: cpuMs(bench.server.pid), clientMs: (own.user + own.system) / 1000, postgresMs: cpuMsOfAll('postgres') };
}

async function measure(n: number, work: (i: number) => Promise<void>): Promise<Phase> {
  const latencies: number[] = [];
  const before = cpuNow();
  const start = performance.now();
  await runPool(n, clients, async (i) => {
    const t = performance.now();
    await work(i);
    latencies.push(performance.now() - t);
  });
  const seconds = (performance.now() - start) / 1000;
  const after = cpuNow();
  return {
    statements: total,
    seconds,
    perSecond: total / seconds,
    batchMs: percentiles(latencies),
    serverCpuMsPerStatement: (after.serverMs - before.serverMs) / total,
    clientCpuMsPerStatement: (after.clientMs - before.clientMs) / total,
    postgresCpuMsPerStatement: (after.postgresMs - before.postgresMs) / total,
  };
}

async function emptyStatements(b: LrsServerBench): Promise<void> {
  await sql`truncate lrs_statements cascade`.execute(b.handle.db);
  await sql`checkpoint`.execute(b.handle.db).catch(() => undefined);
}

async function countStatements(b: LrsServerBench): Promise<number> {
  const row = await sql<{ n: string }>`select count(*) as n from lrs_statements`.execute(b.handle.db);
  return Number(row.rows[0]!.n);
}

async function tableSize(b: LrsServerBench): Promise<number> {
  const row = await sql<{ bytes: string }>`select pg_total_relation_size('lrs_statements') as bytes`.execute(b.handle.db);
  return Number(row.rows[0]!.bytes);
}

function report(r: { statements: number; batch: number; clients: number; meanStatementBytes: number; tableBytesPerStatement: number; http: Phase; raw: Phase; share: number }): string {
  const f = (v: number, d = 0) => v.toFixed(d);
  const pct = (p: Percentiles) => `${f(p.p50, 1)} / ${f(p.p95, 1)} / ${f(p.p99, 1)}`;
  const rows = [
    ['', 'POST /xapi/statements', 'raw INSERT'],
    ['statements/s', f(r.http.perSecond), f(r.raw.perSecond)],
    [`batch of ${r.batch} p50 / p95 / p99 ms`, pct(r.http.batchMs), pct(r.raw.batchMs)],
    ['Amphi server CPU ms per statement', f(r.http.serverCpuMsPerStatement, 3), '—'],
    ['client CPU ms per statement (bench process)', f(r.http.clientCpuMsPerStatement, 3), f(r.raw.clientCpuMsPerStatement, 3)],
    ['PostgreSQL CPU ms per statement', f(r.http.postgresCpuMsPerStatement, 3), f(r.raw.postgresCpuMsPerStatement, 3)],
  ];
  return [
    `${r.statements} statements (${r.meanStatementBytes} bytes of JSON each on average), ${r.clients} clients`,
    formatTable(rows),
    `http = ${f(r.share * 100)} % of raw — lrs_statements with its indexes: ${r.tableBytesPerStatement} bytes per statement`,
  ].join('\n');
}
