import fs from 'node:fs';
import os from 'node:os';
import type { LaunchSample } from './load.js';
import type { CpuTimes } from './proc-stats.js';
import type { DatabaseStats } from './postgres-db.js';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

export interface EngineResult {
  engine: 'pglite' | 'postgres';
  users: number;
  durationS: number;
  launches: number;
  launchesPerSecond: number;
  errors: number;
  errorMessages: [string, number][];
  e2e: Percentiles;
  tool: Percentiles;
  login: Percentiles;
  auth: Percentiles;
  launch: Percentiles;
  rss: { idleFirstStart: number; idleStart: number; idleAfterWarmup: number; loadPeak: number; loadMean: number; idleAfterLoad: number };
  cpu: CpuTimes;
  dbPerLaunch?: { commits: number; fetched: number; returned: number; inserted: number; updated: number };
}

export function summarize(
  engine: EngineResult['engine'],
  users: number,
  samples: LaunchSample[],
  elapsedMs: number,
  errors: number,
  errorMessages: Map<string, number>,
  rss: EngineResult['rss'],
  cpu: CpuTimes,
  db?: { before: DatabaseStats; after: DatabaseStats; launches: number },
): EngineResult {
  const n = samples.length;
  const per = (a: number, b: number) => (db?.launches ? (b - a) / db.launches : NaN);
  return {
    engine,
    users,
    durationS: elapsedMs / 1000,
    launches: n,
    launchesPerSecond: n / (elapsedMs / 1000),
    errors,
    errorMessages: [...errorMessages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5),
    e2e: percentiles(samples.map((s) => s.e2eMs)),
    tool: percentiles(samples.map((s) => s.toolMs)),
    login: percentiles(samples.map((s) => s.loginMs)),
    auth: percentiles(samples.map((s) => s.authMs)),
    launch: percentiles(samples.map((s) => s.launchMs)),
    rss,
    cpu,
    ...(db
      ? {
          dbPerLaunch: {
            commits: per(db.before.commits, db.after.commits),
            fetched: per(db.before.fetched, db.after.fetched),
            returned: per(db.before.returned, db.after.returned),
            inserted: per(db.before.inserted, db.after.inserted),
            updated: per(db.before.updated, db.after.updated),
          },
        }
      : {}),
  };
}

const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const pct = (p: Percentiles) => `${f1(p.p50)} / ${f1(p.p95)} / ${f1(p.p99)}`;

/**
 * What the tool alone could sustain from its CPU cost per launch: the Node server is one thread
 * (PGlite runs inside it), PostgreSQL has the other cores.
 */
export function ceiling(r: EngineResult): number {
  const main = (r.cpu.serverMainThreadMs ?? r.cpu.serverMs) / r.launches;
  const server = r.cpu.serverMs / r.launches;
  const postgres = r.cpu.postgresMs / r.launches;
  return Math.min(1000 / main, (os.availableParallelism() * 1000) / (server + postgres));
}

/** Rows of the results table: one column per engine. */
export function tableRows(results: EngineResult[], labels: string[] = results.map((r) => r.engine)): [string, ...string[]][] {
  const cores = (r: EngineResult, ms: number) => f2(ms / r.cpu.wallMs);
  const perLaunch = (r: EngineResult, ms: number) => f2(ms / r.launches);
  const rows: [string, (r: EngineResult) => string][] = [
    ['launches/s', (r) => f0(r.launchesPerSecond)],
    ['launches (errors)', (r) => `${r.launches} (${r.errors})`],
    ['CPU-bound ceiling without the bench client on the machine (estimate), launches/s', (r) => f0(ceiling(r))],
    ['end to end p50 / p95 / p99 ms', (r) => pct(r.e2e)],
    ['tool side p50 / p95 / p99 ms', (r) => pct(r.tool)],
    ['↳ login request p50 / p95 / p99 ms', (r) => pct(r.login)],
    ['↳ launch request p50 / p95 / p99 ms', (r) => pct(r.launch)],
    ['platform auth (signing) p50 / p95 / p99 ms', (r) => pct(r.auth)],
    ['server RSS idle, first start (creates the database) MiB', (r) => f0(r.rss.idleFirstStart)],
    ['server RSS idle after a restart MiB', (r) => f0(r.rss.idleStart)],
    ['server RSS idle after warm-up MiB', (r) => f0(r.rss.idleAfterWarmup)],
    ['server RSS under load mean / peak MiB', (r) => `${f0(r.rss.loadMean)} / ${f0(r.rss.loadPeak)}`],
    ['server RSS idle after load MiB', (r) => f0(r.rss.idleAfterLoad)],
    ['server CPU ms per launch (cores busy)', (r) => `${perLaunch(r, r.cpu.serverMs)} (${cores(r, r.cpu.serverMs)})`],
    ['↳ of which its JavaScript thread, ms per launch (share of one core)', (r) => (r.cpu.serverMainThreadMs === undefined ? '–' : `${perLaunch(r, r.cpu.serverMainThreadMs)} (${cores(r, r.cpu.serverMainThreadMs)})`)],
    ['bench client CPU ms per launch (cores busy)', (r) => `${perLaunch(r, r.cpu.clientMs)} (${cores(r, r.cpu.clientMs)})`],
    ['PostgreSQL CPU ms per launch (cores busy)', (r) => (r.engine === 'postgres' ? `${perLaunch(r, r.cpu.postgresMs)} (${cores(r, r.cpu.postgresMs)})` : 'n/a (in the server)')],
    ['other processes on the machine (cores busy)', (r) => f2(Math.max(0, r.cpu.machineBusyMs - r.cpu.serverMs - r.cpu.clientMs - r.cpu.postgresMs) / r.cpu.wallMs)],
    ['CPU steal by the hypervisor (cores)', (r) => f2(r.cpu.stealMs / r.cpu.wallMs)],
    ['transactions per launch (pg_stat_database)', (r) => (r.dbPerLaunch ? f1(r.dbPerLaunch.commits) : 'n/a')],
    ['rows written per launch (inserted + updated)', (r) => (r.dbPerLaunch ? f1(r.dbPerLaunch.inserted + r.dbPerLaunch.updated) : 'n/a')],
  ];
  return [['', ...labels], ...rows.map(([label, get]) => [label, ...results.map(get)] as [string, ...string[]])];
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

export function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `|${head!.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  kernel: string;
  postgres?: string;
}

export function describeMachine(postgres?: string): Machine {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpus: os.availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    ramGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    ...(postgres ? { postgres } : {}),
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpus} CPUs (nproc), ${m.cpuModel}, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.kernel}, Node ${m.node}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}`;
}
