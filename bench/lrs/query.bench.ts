/**
 * Statement queries on a large LRS: GET /xapi/statements?agent=…&verb=…&since=… over HTTP.
 *
 *   npm run bench:lrs-query -- [--statements 1000000] [--queries 500] [--clients 1] [--limit 0]
 *                              [--load-batch 2000] [--seed 1] [--database-url postgres://…] [--keep] [--json]
 *
 * Amphi runs in this process on a fresh PostgreSQL database (see ingest.bench.ts for
 * --database-url and --keep). --statements generated statements (statement-generator.ts: one
 * semester of video, classroom and Moodle traces, in time order) are loaded directly with the
 * store's row builder and INSERT, --load-batch rows at a time, each `stored` one second after
 * its timestamp as a live feed would be; then VACUUM ANALYZE (what autovacuum does to an
 * insert-only table: planner statistics and the visibility map).
 *
 * --queries realistic queries (one learner, chosen by how active learners are; one verb a
 * dashboard asks about; since a day of the semester) are sent by --clients clients, after 20
 * warm-up queries. --limit 0 sends no limit (the LRS's own page size, LRS_QUERY_LIMIT). Reported:
 * latency p50 / p95 / p99 / max, statements per response, and EXPLAIN (ANALYZE, BUFFERS) of the
 * store's SQL for the median and the slowest query.
 */
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/schema.js';
import { describeMachine, machineLine, percentiles } from '../support/report.js';
import { DEFAULT_ADMIN_URL, log, parsePositive, runPool, startLrsBench, storedRow, type LrsBench } from './lrs-bench-setup.js';
import { StatementGenerator, type StatementQuery } from './statement-generator.js';
import { insertStatementRows, parseStatementQuery, queryStatementRows } from './amphi-build.js';

const { values: args } = parseArgs({
  options: {
    statements: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '500' },
    clients: { type: 'string', default: '1' },
    limit: { type: 'string', default: '0' },
    'load-batch': { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: DEFAULT_ADMIN_URL },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const total = parsePositive('statements', args.statements);
const queryCount = parsePositive('queries', args.queries);
const clients = parsePositive('clients', args.clients);
const loadBatch = parsePositive('load-batch', args['load-batch']);
const limit = Number(args.limit);
if (!Number.isInteger(limit) || limit < 0) throw new Error('--limit must be 0 or a positive integer');

const generator = new StatementGenerator({ seed: Number(args.seed), expectedStatements: total });
const bench = await startLrsBench({ adminUrl: args['database-url']!, world: generator.world, scopes: ['statements/read'], keep: args.keep });
try {
  const loadSeconds = await load(bench);
  log('vacuum analyze');
  await sql`vacuum (analyze) lrs_statements`.execute(bench.running.ctx.db);
  const tableBytes = Number((await sql<{ b: string }>`select pg_total_relation_size('lrs_statements') as b`.execute(bench.running.ctx.db)).rows[0]!.b);

  const params = (q: StatementQuery) => ({ agent: JSON.stringify(q.agent), verb: q.verb, since: q.since, ...(limit ? { limit: String(limit) } : {}) });
  log('warm-up: 20 queries');
  for (const q of StatementGenerator.queries(generator.world, 20, 99)) await get(bench, params(q));

  const queries = StatementGenerator.queries(generator.world, queryCount);
  log(`${queries.length} queries, ${clients} client(s)`);
  const samples: { ms: number; returned: number; more: boolean; query: StatementQuery }[] = [];
  const start = performance.now();
  await runPool(queries.length, clients, async (i) => {
    const t = performance.now();
    const page = await get(bench, params(queries[i]!));
    samples.push({ ms: performance.now() - t, returned: page.statements.length, more: page.more !== '', query: queries[i]! });
  });
  const seconds = (performance.now() - start) / 1000;

  const latency = percentiles(samples.map((s) => s.ms));
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const slowest = sorted.at(-1)!;
  const pageLimit = limit || bench.running.ctx.config.lrs.queryLimit;
  const result = {
    statements: total,
    loadSeconds,
    tableBytesPerStatement: Math.round(tableBytes / total),
    queries: samples.length,
    clients,
    queriesPerSecond: samples.length / seconds,
    latencyMs: latency,
    meanReturned: samples.reduce((n, s) => n + s.returned, 0) / samples.length,
    emptyShare: samples.filter((s) => s.returned === 0).length / samples.length,
    fullPageShare: samples.filter((s) => s.more).length / samples.length,
    pageLimit,
  };
  const plans = { median: await explain(bench, params(median.query), pageLimit), slowest: await explain(bench, params(slowest.query), pageLimit) };
  const machine = describeMachine(bench.database.serverVersion);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ result, machine, plans: { median: { ...median, plan: plans.median }, slowest: { ...slowest, plan: plans.slowest } } }, null, 2)}\n`);
  } else {
    const f = (v: number, d = 1) => v.toFixed(d);
    process.stdout.write(
      [
        '',
        `${total} statements loaded in ${f(loadSeconds, 0)} s; lrs_statements with its indexes: ${result.tableBytesPerStatement} bytes per statement`,
        `GET /xapi/statements?agent&verb&since (page of ${pageLimit}), ${result.queries} queries, ${clients} client(s): ${f(result.queriesPerSecond)} queries/s`,
        `latency p50 / p95 / p99 / max ms: ${f(latency.p50)} / ${f(latency.p95)} / ${f(latency.p99)} / ${f(latency.max)}`,
        `statements per response: mean ${f(result.meanReturned)}; empty ${f(result.emptyShare * 100, 0)} %; a full page (more) ${f(result.fullPageShare * 100, 0)} %`,
        '',
        `EXPLAIN ANALYZE, median query (${f(median.ms)} ms over HTTP, ${median.returned} statements): ${describe(median.query)}`,
        plans.median,
        '',
        `EXPLAIN ANALYZE, slowest query (${f(slowest.ms)} ms over HTTP, ${slowest.returned} statements): ${describe(slowest.query)}`,
        plans.slowest,
        '',
        machineLine(machine),
        '',
      ].join('\n'),
    );
  }
} finally {
  await bench.close();
}
process.exit(0);

/** Loads the statements with the store's row builder and INSERT; the next batch is built while one is written. */
async function load(b: LrsBench): Promise<number> {
  log(`loading ${total} statements, ${loadBatch} per INSERT`);
  const start = performance.now();
  let writing: Promise<unknown> = Promise.resolve();
  for (let loaded = 0; loaded < total; ) {
    const n = Math.min(loadBatch, total - loaded);
    const rows = Array.from({ length: n }, () => {
      const s = generator.next();
      return storedRow(b, s, new Date(Date.parse(s.timestamp!) + 1000).toISOString());
    });
    await writing;
    writing = insertStatementRows(b.running.ctx.db, rows);
    loaded += n;
    if (loaded % 100_000 < loadBatch) log(`  ${loaded} (${((loaded * 1000) / (performance.now() - start)).toFixed(0)}/s)`);
  }
  await writing;
  return (performance.now() - start) / 1000;
}

async function get(b: LrsBench, params: Record<string, string>): Promise<{ statements: unknown[]; more: string }> {
  const response = await fetch(`${b.running.url}/xapi/statements?${new URLSearchParams(params)}`, {
    headers: { Authorization: b.authorization, 'X-Experience-API-Version': '1.0.3' },
  });
  if (response.status !== 200) throw new Error(`GET /xapi/statements answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { statements: unknown[]; more: string };
}

/**
 * EXPLAIN of the SQL the store runs for these parameters (captured from queryStatementRows): the
 * page query, then the query for statements targeting a match through a StatementRef.
 */
async function explain(b: LrsBench, params: Record<string, string>, pageLimit: number): Promise<string> {
  const pool = new pg.Pool({ connectionString: b.database.url, max: 1 });
  const captured: CompiledQuery[] = [];
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void captured.push(event.query) });
  try {
    await queryStatementRows(db, b.platformId, parseStatementQuery(params, pageLimit).filter, pageLimit);
    const plans: string[] = [];
    for (const query of captured) {
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, query.parameters as unknown[]);
      plans.push(plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
    }
    return plans.join('\n  --\n');
  } finally {
    await db.destroy();
  }
}

function describe(q: StatementQuery): string {
  return `agent ${q.agent.account!.name}, verb ${q.verb.split('/').pop()}, since ${q.since.slice(0, 10)}`;
}
