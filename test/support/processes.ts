import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { createTestDatabase, testEngine, type TestDatabase } from './test-database.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Whether a process still exists (signal 0 only asks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function tempDir(prefix = 'amphi-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs the built CLI (`dist/cli/main.js`) and collects its output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), ...args], { env: { PATH: process.env.PATH!, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built server (`dist/server.js`) and waits until /readyz answers. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.js')], {
    env: { PATH: process.env.PATH!, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // Generous: a first start creates and migrates the embedded database, slow on a busy machine.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i === 1200) {
      // Not left running behind a failed test (its pipes would keep the test process alive).
      child.kill('SIGKILL');
      throw new Error(`server not ready after 2 minutes: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * For a describe block: the environment a server or CLI process needs to run on this test run's
 * engine — a fresh DATA_DIR, plus a PostgreSQL database of its own on the PostgreSQL leg.
 */
export function useProcessEnv(extra: Record<string, string> = {}): { readonly env: Record<string, string>; readonly dataDir: string } {
  let dataDir = '';
  let database: TestDatabase | undefined;
  const env: Record<string, string> = {};
  before(async () => {
    dataDir = tempDir('amphi-proc-');
    Object.assign(env, { DATA_DIR: dataDir, ...extra });
    if (testEngine() === 'postgres') {
      database = await createTestDatabase();
      env.DATABASE_URL = database.url!;
      env.SECRET_KEY = Buffer.alloc(32, 5).toString('base64');
    }
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    env,
    get dataDir() {
      return dataDir;
    },
  };
}

export interface CliHost {
  /** Runs `amphi <args>` with exactly `env` (plus PATH), as runCli does, in the host process. */
  run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * For a describe block: one process that runs the built CLI's commands one after another
 * (test/support/cli-host-child.mjs), about 2 s cheaper per command than a process each. The CLI
 * code is the same; what only a process of its own shows (stdin, exit, signals) stays on runCli.
 */
export function useCliHost(): CliHost {
  let child: ChildProcess | undefined;
  let out = '';
  let err = '';
  let next = 0;
  const waiting = new Map<number, (code: number | null) => void>();
  let wake = () => {};
  let turn: Promise<unknown> = Promise.resolve();
  let exited = '';
  before(async () => {
    child = fork(path.join(ROOT, 'test/support/cli-host-child.mjs'), [], { execArgv: [], env: { PATH: process.env.PATH! }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    child.stdout!.on('data', (d) => ((out += d), wake()));
    child.stderr!.on('data', (d) => ((err += d), wake()));
    await new Promise<void>((resolve, reject) => {
      child!.once('message', () => resolve());
      child!.once('exit', (code) => reject(new Error(`CLI host exited (${code}): ${err}`)));
    });
    child.on('message', (m: { id: number; code: number | null }) => waiting.get(m.id)?.(m.code));
    child.on('exit', (code) => {
      exited = `CLI host exited (${code}): ${err}`;
      for (const resolve of waiting.values()) resolve(null);
      wake();
    });
  });
  after(() => {
    child?.kill();
  });
  return {
    run(args, env) {
      // One command at a time: each takes the output up to its own marker.
      const result = turn.then(() => runOne(args, env));
      turn = result.catch(() => undefined);
      return result;
    },
  };

  async function runOne(args: string[], env: Record<string, string>) {
    const id = next++;
    const done = new Promise<number | null>((resolve) => waiting.set(id, resolve));
    child!.send({ id, args, env });
    const code = await done;
    waiting.delete(id);
    const marker = `\u0000end ${id}\u0000`;
    while (!out.includes(marker) || !err.includes(marker)) {
      if (exited) throw new Error(exited);
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const take = (text: string) => text.slice(0, text.indexOf(marker));
    const result = { code, stdout: take(out), stderr: take(err) };
    out = out.slice(out.indexOf(marker) + marker.length);
    err = err.slice(err.indexOf(marker) + marker.length);
    return result;
  }
}
