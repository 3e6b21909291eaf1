import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Builds server and front end when either output is missing (`npm run build`). */
export async function buildIfNeeded(root: string, log: (line: string) => void): Promise<void> {
  const missing = ['dist/server.js', 'dist/cli/main.js', 'public/app/index.html'].filter((f) => !fs.existsSync(path.join(root, f)));
  if (!missing.length) return;
  log(`building (missing: ${missing.join(', ')}) …`);
  await run('npm', ['run', '--silent', 'build'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServerOptions {
  root: string;
  dataDir: string;
  databaseUrl?: string;
  /** SECRET_KEY for PostgreSQL; the same across restarts of one bench database. */
  secretKey?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Extra environment (DATABASE_POOL_SIZE, …). */
  env?: Record<string, string>;
}

export interface ServerProcess {
  pid: number;
  /** Aborted when the server exits without being asked to. */
  died: AbortSignal;
  url: string;
  env: NodeJS.ProcessEnv;
  /** The last lines the server wrote (shown when something fails). */
  output(): string;
  stop(): Promise<void>;
}

/** `node dist/server.js` as operators run it, on a free port, ready when /readyz answers 200. */
export async function startServerProcess(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'SECRET_KEY', 'PUBLIC_URL', 'PORT', 'HOST', 'DATA_DIR', 'LOG_LEVEL', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl, SECRET_KEY: options.secretKey ?? crypto.randomBytes(32).toString('base64') } : {}),
    ...options.env,
  });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/server.js'], {
    cwd: options.root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping = false;
  const died = new AbortController();
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) {
        const reason = `the server (pid ${child.pid}) exited unexpectedly (code ${code}, signal ${signal}):\n${output()}`;
        process.stderr.write(`[bench] ${reason}\n`);
        died.abort(new Error(reason));
      }
      resolve(code);
    }),
  );
  const output = () => lines.slice(-40).join('\n');
  if (process.env.BENCH_SERVER_OUTPUT) {
    const file = fs.createWriteStream(process.env.BENCH_SERVER_OUTPUT, { flags: 'a' });
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  }
  const stop = () => {
    stopping = true;
    return stopChild(child, exited);
  };
  try {
    await waitReady(url, exited, output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: child.pid!, died: died.signal, url, env, output, stop };
}

async function waitReady(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let done: number | null | undefined;
  void exited.then((code) => (done = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (done !== undefined) throw new Error(`the server exited (code ${done}) before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server was not ready within 60 s:\n${output()}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** `amphi platform add …` through the real CLI, with the server's environment. */
export async function registerPlatformWithCli(
  root: string,
  env: NodeJS.ProcessEnv,
  platform: { issuer: string; clientId: string; authLoginUrl: string; authTokenUrl: string; jwksUrl: string; deploymentIds: string[] },
): Promise<{ id: string }> {
  const args = [
    'dist/cli/main.js',
    'platform',
    'add',
    '--issuer',
    platform.issuer,
    '--client-id',
    platform.clientId,
    '--auth-login-url',
    platform.authLoginUrl,
    '--auth-token-url',
    platform.authTokenUrl,
    '--jwks-url',
    platform.jwksUrl,
    ...platform.deploymentIds.flatMap((d) => ['--deployment', d]),
    '--json',
  ];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: root, env });
    return JSON.parse(stdout) as { id: string };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`amphi platform add failed: ${e.stderr || e.message}`);
  }
}
