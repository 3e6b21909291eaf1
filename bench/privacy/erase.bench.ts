/**
 * Erasure time of one learner with 10,000 statements (issue 18 item 5: `amphi gdpr erase`).
 *
 *   npm run bench:erase -- [--statements 10000] [--others 20] [--others-statements 1000]
 *                          [--engine pglite|postgres|both] [--database-url postgres://…] [--json]
 *
 * For each engine, a fresh database (PGlite on disk in a temp directory, as the server runs it;
 * PostgreSQL: a database of its own created from --database-url and dropped after) holds one
 * platform and course, the learner's --statements statements and every other table's rows about
 * them (test/integration/privacy/seed-learner.ts), and --others other learners with
 * --others-statements statements each, so that the erasure searches a store that is not only
 * theirs. Statements go in through the LRS store (validation included), 500 per call.
 * Reported: the export's and the erasure's time (the same transaction the CLI runs), and the
 * rows deleted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/config.js';
import { createContext } from '../../src/context.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createLogger } from '../../src/http/logger.js';
import { recordStatements } from '../../src/lrs/lrs.service.js';
import { ltiActor } from '../../src/lrs/xapi/lti-actor.js';
import type { Statement } from '../../src/lrs/xapi/xapi.types.js';
import { eraseLearnerData, exportLearnerData } from '../../src/privacy/privacy.service.js';
import { seedLearner, seedPlatform, type SeededPlatform } from '../../test/integration/privacy/seed-learner.js';
import { describeMachine, machineLine } from '../support/report.js';

const { values: args } = parseArgs({
  options: {
    statements: { type: 'string', default: '10000' },
    others: { type: 'string', default: '20' },
    'others-statements': { type: 'string', default: '1000' },
    engine: { type: 'string', default: 'both' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    json: { type: 'boolean', default: false },
  },
});
const positive = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const statements = positive('statements', args.statements);
const others = positive('others', args.others);
const othersStatements = positive('others-statements', args['others-statements']);
const engines = args.engine === 'both' ? (['pglite', 'postgres'] as const) : [args.engine as 'pglite' | 'postgres'];
const log = (m: string) => !args.json && process.stderr.write(`${m}\n`);

interface Result {
  engine: string;
  storeStatements: number;
  learnerStatements: number;
  exportMs: number;
  eraseMs: number;
  rowsDeleted: number;
}

const VERBS = ['http://adlnet.gov/expapi/verbs/experienced', 'https://w3id.org/xapi/video/verbs/played', 'https://w3id.org/xapi/video/verbs/paused', 'http://adlnet.gov/expapi/verbs/completed'];

function statementsOf(p: SeededPlatform, sub: string, n: number): Statement[] {
  const actor = ltiActor({ issuer: p.issuer, lrsIdentity: 'pseudonymous' }, { sub });
  const start = Date.now() - 90 * 86_400_000;
  return Array.from({ length: n }, (_, i) => ({
    actor,
    verb: { id: VERBS[i % VERBS.length]! },
    object: { objectType: 'Activity' as const, id: `https://amphi.example/xapi/activities/resources/${i % 2 ? p.videoId : p.classroomId}` },
    timestamp: new Date(start + i * 60_000).toISOString(),
  }));
}

async function open(engine: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; env: Record<string, string>; cleanUp: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-erase-bench-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SECRET_KEY: Buffer.alloc(32, 3).toString('base64'), PUBLIC_URL: 'http://localhost:3000' };
  if (engine === 'pglite') {
    const handle = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'db') });
    return { handle, env, cleanUp: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `amphi_erase_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: args['database-url'] });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(args['database-url']!);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString() });
  return {
    handle,
    env: { ...env, DATABASE_URL: url.toString() },
    cleanUp: async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function runEngine(engine: 'pglite' | 'postgres'): Promise<Result> {
  const { handle, env, cleanUp } = await open(engine);
  try {
    await migrateToLatest(handle.db);
    const ctx = await createContext(loadConfig(env), handle, createLogger('silent'));
    const platform = await seedPlatform(ctx, 'bench');
    const target = await seedLearner(ctx, platform, 'erased-learner');
    log(`${engine}: loading ${statements} statements of the learner and ${others} × ${othersStatements} of others`);
    const load = async (sub: string, n: number) => {
      const all = statementsOf(platform, sub, n);
      for (let i = 0; i < all.length; i += 500) await recordStatements(ctx, platform.id, all.slice(i, i + 500));
    };
    await load(target.sub, statements);
    for (let i = 0; i < others; i++) {
      await seedLearner(ctx, platform, `other-${i}`);
      await load(`other-${i}`, othersStatements);
    }
    if (engine === 'postgres') await sql`vacuum (analyze) lrs_statements`.execute(ctx.db);
    else await sql`analyze`.execute(ctx.db);
    const storeStatements = Number((await sql<{ n: string }>`select count(*)::text as n from lrs_statements`.execute(ctx.db)).rows[0]!.n);

    let t = performance.now();
    const exported = await exportLearnerData(ctx, platform.id, target.sub);
    const exportMs = performance.now() - t;
    t = performance.now();
    const erased = await eraseLearnerData(ctx, platform.id, target.sub);
    const eraseMs = performance.now() - t;
    const rowsDeleted = Object.values(erased.counts).reduce((a, b) => a + b, 0);
    if (erased.counts.lrs_statements !== exported.lrs.statements.length) throw new Error('the erasure did not delete what the export listed');
    return { engine, storeStatements, learnerStatements: erased.counts.lrs_statements ?? 0, exportMs, eraseMs, rowsDeleted };
  } finally {
    await handle.close();
    await cleanUp();
  }
}

const results: Result[] = [];
for (const engine of engines) results.push(await runEngine(engine));
const machine = describeMachine();
if (args.json) process.stdout.write(`${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
else {
  process.stdout.write(`Machine: ${machineLine(machine)}; ${new Date().toISOString().slice(0, 10)}\n`);
  process.stdout.write('| Engine | Statements in the store | The learner’s | Export | Erasure | Rows deleted |\n|---|---:|---:|---:|---:|---:|\n');
  for (const r of results) {
    process.stdout.write(`| ${r.engine} | ${r.storeStatements.toLocaleString('en')} | ${r.learnerStatements.toLocaleString('en')} | ${Math.round(r.exportMs).toLocaleString('en')} ms | ${Math.round(r.eraseMs).toLocaleString('en')} ms | ${r.rowsDeleted.toLocaleString('en')} |\n`);
  }
}
