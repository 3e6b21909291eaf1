import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { thisHolder } from '../../../src/db/data-dir-lock-holder.js';
import { DataDirLockedError, acquireDataDirLock, readLockOwner } from '../../../src/db/data-dir-lock.js';
import { eventually } from '../../support/factories.js';

describe('DATA_DIR lock (one process per embedded database)', () => {
  it('refuses a second process while the first holds it, then lets it in', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    // Another process holds the lock until it reads a line on stdin.
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import('${path.resolve('src/db/data-dir-lock.ts')}').then(m => { m.acquireDataDirLock(${JSON.stringify(dir)}, { adminUrl: 'http://127.0.0.1:9' }); console.log('held'); process.stdin.once('data', () => process.exit(0)); })`],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      assert.throws(() => acquireDataDirLock(dir), (err: unknown) => err instanceof DataDirLockedError && /already open by process \d+/.test(err.message));
      assert.equal(readLockOwner(dir)?.adminUrl, 'http://127.0.0.1:9');
    } finally {
      holder.stdin.write('\n');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const lock = acquireDataDirLock(dir);
    lock.release();
    assert.equal(fs.existsSync(lock.path), false);
    fs.rmSync(dir, { recursive: true });
  });

  it('takes over a lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    fs.writeFileSync(path.join(dir, 'amphi.lock'), JSON.stringify({ pid: DEAD_PID, startedAt: 'then' }));
    const lock = acquireDataDirLock(dir);
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.release();
    fs.rmSync(dir, { recursive: true });
  });

  it('takes over a stale lock whose previous taker died halfway, and leaves nothing else behind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const stale = JSON.stringify({ pid: DEAD_PID, startedAt: 'then' });
    fs.writeFileSync(path.join(dir, 'amphi.lock'), stale);
    // The marker a taker creates before replacing exactly these bytes; its taker is dead too.
    const digest = crypto.createHash('sha256').update(stale).digest('base64url').slice(0, 22);
    fs.writeFileSync(path.join(dir, `amphi.lock.takeover-${digest}`), JSON.stringify({ pid: DEAD_PID + 1, startedAt: 'then' }));
    const lock = acquireDataDirLock(dir);
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.update({ adminUrl: 'http://127.0.0.1:9' });
    assert.equal(readLockOwner(dir)?.adminUrl, 'http://127.0.0.1:9');
    assert.deepEqual(fs.readdirSync(dir), ['amphi.lock']);
    lock.release();
    assert.deepEqual(fs.readdirSync(dir), []);
    fs.rmSync(dir, { recursive: true });
  });

  // In Docker every container's server is pid 1: a pid that is ours proves nothing, a token does.
  it("refuses a lock naming this process by pid but not by token while its recorded start is this process's, and takes it over once the start differs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const me = thisHolder();
    assert.ok(me.processStart && me.hostname, 'this machine has /proc');
    const lockFile = path.join(dir, 'amphi.lock');
    const other = { ...me, startedAt: 'then', token: 'another-container', adminUrl: 'http://127.0.0.1:9' };
    fs.writeFileSync(lockFile, JSON.stringify(other));
    assert.throws(() => acquireDataDirLock(dir), (err: unknown) => err instanceof DataDirLockedError && err.message.includes(`already open by process ${process.pid} (an Amphi server`));
    assert.equal(JSON.parse(fs.readFileSync(lockFile, 'utf8')).token, 'another-container', 'left alone');
    // The same pid, started at another time: a later process (a restarted container) got it.
    fs.writeFileSync(lockFile, JSON.stringify({ ...other, processStart: String(Number(me.processStart) - 1) }));
    const lock = acquireDataDirLock(dir);
    assert.notEqual(JSON.parse(fs.readFileSync(lockFile, 'utf8')).token, 'another-container');
    lock.release();
    // An older Amphi's lock records only a pid: ours now says nothing about its writer, so it is refused with the way out.
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, startedAt: 'then' }));
    assert.throws(() => acquireDataDirLock(dir), (err: unknown) => err instanceof DataDirLockedError && err.message.includes(`an older Amphi that recorded only its pid`) && err.message.includes(`remove ${lockFile}`));
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a lock written on another host whatever its pid, says how to remove it, and does not offer its loopback admin URL', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const lockFile = path.join(dir, 'amphi.lock');
    const bytes = JSON.stringify({ pid: DEAD_PID, hostname: 'amphi-2.univ.example', bootId: 'b', startedAt: 'then', token: 't', adminUrl: 'http://127.0.0.1:9' });
    fs.writeFileSync(lockFile, bytes);
    assert.throws(
      () => acquireDataDirLock(dir),
      (err: unknown) => err instanceof DataDirLockedError && /open by process \d+ on host amphi-2\.univ\.example\./.test(err.message) && err.message.includes(`If host amphi-2.univ.example is gone, or runs no Amphi on this directory any more, remove ${lockFile}`),
    );
    assert.equal(fs.readFileSync(lockFile, 'utf8'), bytes);
    const owner = readLockOwner(dir);
    assert.equal(owner?.hostname, 'amphi-2.univ.example');
    assert.equal(owner?.adminUrl, undefined);
    fs.rmSync(dir, { recursive: true });
  });

  it('takes over a lock of an earlier boot of this machine even when its pid is alive now', { skip: !thisHolder().bootId && 'no boot id here' }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    // pid 1 is alive (init), and was someone else before the reboot.
    fs.writeFileSync(path.join(dir, 'amphi.lock'), JSON.stringify({ ...thisHolder(), pid: 1, processStart: undefined, bootId: 'an-earlier-boot', startedAt: 'then', token: 't' }));
    const lock = acquireDataDirLock(dir);
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.release();
    fs.rmSync(dir, { recursive: true });
  });

  it('judges a lock from another container on this host by its heartbeat: refused while refreshed, taken over once the lease lapsed', { skip: !thisHolder().pidNamespace && 'no pid namespaces here' }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const lockFile = path.join(dir, 'amphi.lock');
    // Its pid means nothing in our namespace (this one is dead here, and might be alive there).
    fs.writeFileSync(lockFile, JSON.stringify({ ...thisHolder(), pid: DEAD_PID, pidNamespace: 'pid:[1]', startedAt: 'then', token: 't' }));
    assert.throws(() => acquireDataDirLock(dir), (err: unknown) => err instanceof DataDirLockedError && /in another container on this host \(pid:\[1\]\), refreshed \d+ s ago/.test(err.message));
    backdate(lockFile, 61_000);
    const lock = acquireDataDirLock(dir);
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.release();
    fs.rmSync(dir, { recursive: true });
  });

  it('refreshes a held lock from its own thread', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const lock = acquireDataDirLock(dir, {}, { heartbeatMs: 20 });
    backdate(lock.path, 3_600_000);
    await eventually('the lock refreshed', () => Date.now() - fs.statSync(lock.path).mtimeMs < 60_000);
    lock.release();
    fs.rmSync(dir, { recursive: true });
  });

  it('stops a process at once when its lock was taken by another', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const modules = compileLockModule();
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(path.join(modules, 'data-dir-lock.mjs'))}); m.acquireDataDirLock(${JSON.stringify(dir)}, {}, { heartbeatMs: 20 }); console.log('held'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    holder.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => holder.once('exit', (_code, signal) => resolve(signal)));
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      // What a process that took the lock for stale (wrongly, or by hand) leaves.
      fs.writeFileSync(path.join(dir, 'amphi.lock'), JSON.stringify({ ...thisHolder(), startedAt: 'now', token: 'the-other' }));
      // Bounded, so that a process that goes on is a failure and not a hung test.
      assert.equal(await Promise.race([exited, delay(15_000, 'still running')]), 'SIGKILL');
      assert.match(stderr, /The DATA_DIR lock .* was taken by another process: stopping now/);
    } finally {
      holder.kill('SIGKILL');
      fs.rmSync(modules, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('neither rewrites nor removes a lock that carries another token, even with this pid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const lock = acquireDataDirLock(dir, {}, { heartbeatMs: 3_600_000 });
    const theirs = JSON.stringify({ ...thisHolder(), startedAt: 'now', token: 'the-other' });
    fs.writeFileSync(lock.path, theirs);
    assert.throws(() => lock.update({ adminUrl: 'http://127.0.0.1:9' }), /no longer this process's/);
    lock.release();
    assert.equal(fs.readFileSync(lock.path, 'utf8'), theirs);
    fs.rmSync(dir, { recursive: true });
  });

  it('waits for a lock being written rather than take it for stale, and takes over one left half-written long ago', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const lockFile = path.join(dir, 'amphi.lock');
    fs.writeFileSync(lockFile, '{"pid":12');
    assert.throws(() => acquireDataDirLock(dir), (err: unknown) => err instanceof DataDirLockedError && /is being written by another process .*try again in a moment/.test(err.message));
    assert.equal(fs.readFileSync(lockFile, 'utf8'), '{"pid":12');
    backdate(lockFile, 11_000);
    const lock = acquireDataDirLock(dir);
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.release();
    fs.rmSync(dir, { recursive: true });
  });

  it('works on a file system without hard links (an exclusive create, written in full)', (t) => {
    // What such a mount (some CIFS and FUSE ones) answers to link(2).
    t.mock.method(fs, 'linkSync', () => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-'));
    const lock = acquireDataDirLock(dir, { adminUrl: 'http://127.0.0.1:9' });
    assert.equal(readLockOwner(dir)?.adminUrl, 'http://127.0.0.1:9');
    assert.throws(() => acquireDataDirLock(dir), DataDirLockedError);
    lock.release();
    assert.deepEqual(fs.readdirSync(dir), []);
    // A stale lock is taken over the same way (its marker too is created without a link).
    fs.writeFileSync(path.join(dir, 'amphi.lock'), JSON.stringify({ pid: DEAD_PID, startedAt: 'then' }));
    const again = acquireDataDirLock(dir);
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    assert.deepEqual(fs.readdirSync(dir), ['amphi.lock']);
    again.release();
    fs.rmSync(dir, { recursive: true });
  });

  it('lets exactly one of several processes racing for a stale lock take it over, and never takes a live one (half of them without hard links)', async () => {
    const racers = await startRacers(8);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-lock-race-'));
    const live = acquireDataDirLock(path.join(root, 'live'));
    const problems: string[] = [];
    try {
      for (let trial = 0; trial < 30; trial++) {
        // Two in three trials race for a stale lock (its process is dead, or it is empty), one in three for this process's live lock.
        const kind = (['dead owner', 'empty', 'live owner'] as const)[trial % 3]!;
        const dir = kind === 'live owner' ? path.join(root, 'live') : path.join(root, `trial-${trial}`);
        if (kind !== 'live owner') {
          fs.mkdirSync(dir);
          fs.writeFileSync(path.join(dir, 'amphi.lock'), kind === 'empty' ? '' : JSON.stringify({ pid: DEAD_PID, startedAt: 'then' }));
          // An empty lock is one being written, until it is too old for that (its writer died).
          if (kind === 'empty') backdate(path.join(dir, 'amphi.lock'), 60_000);
        }
        const answers = await Promise.all(racers.map((r) => r.race(dir)));
        const owners = answers.filter((a) => a.answer === 'acquired').map((a) => a.pid);
        const others = answers.filter((a) => a.answer !== 'acquired' && a.answer !== 'locked');
        const holder = JSON.parse(fs.readFileSync(path.join(dir, 'amphi.lock'), 'utf8')) as { pid: number };
        const expected = kind === 'live owner' ? [] : [holder.pid];
        const files = fs.readdirSync(dir);
        if (JSON.stringify(owners) !== JSON.stringify(expected) || others.length || (kind === 'live owner' && holder.pid !== process.pid) || files.length !== 1) {
          problems.push(`trial ${trial} (${kind}): acquired by ${JSON.stringify(owners)}, lock names ${holder.pid}, files ${files.join(' ')}${others.length ? `, ${JSON.stringify(others)}` : ''}`);
        }
      }
    } finally {
      await Promise.all(racers.map((r) => r.stop()));
      live.release();
      fs.rmSync(root, { recursive: true, force: true });
    }
    assert.deepEqual(problems, []);
  });
});

/** Above Linux's largest pid (2^22): never a live process. */
const DEAD_PID = 2 ** 22 + 12345;

interface Racer {
  race(dir: string): Promise<{ pid: number; answer: string }>;
  stop(): Promise<void>;
}

/** Sets a file's modification time `ms` into the past. */
function backdate(file: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(file, then, then);
}

/**
 * The lock's modules compiled once into a temporary folder, for plain node: eight processes start
 * in a fraction of what eight tsx loaders take.
 */
function compileLockModule(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-racer-'));
  for (const name of ['data-dir-lock', 'data-dir-lock-holder']) {
    const source = fs.readFileSync(path.resolve(`src/db/${name}.ts`), 'utf8');
    const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    fs.writeFileSync(path.join(dir, `${name}.mjs`), compiled.outputText.replace(/'\.\/([\w-]+)\.js'/g, "'./$1.mjs'"));
  }
  return dir;
}

/**
 * Small processes that each try to take a DATA_DIR lock when told, all at the same instant (they
 * spin until a shared start time), and keep what they took until they exit. Every other one runs
 * as on a file system without hard links (link(2) refused with EPERM, as such a mount answers).
 */
async function startRacers(count: number): Promise<Racer[]> {
  const dir = compileLockModule();
  fs.writeFileSync(
    path.join(dir, 'racer.mjs'),
    `import fs from 'node:fs';
import readline from 'node:readline';
if (process.argv[2] === 'no-hard-links') fs.linkSync = () => { throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' }); };
const { acquireDataDirLock } = await import('./data-dir-lock.mjs');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { dir, at } = JSON.parse(line);
  while (Date.now() < at);
  let answer = 'acquired';
  try { acquireDataDirLock(dir); } catch (err) { answer = err.name === 'DataDirLockedError' ? 'locked' : String(err); }
  console.log(JSON.stringify({ pid: process.pid, answer }));
});
console.log('ready');
`,
  );
  try {
    return await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const child = spawn(process.execPath, [path.join(dir, 'racer.mjs'), i % 2 ? 'no-hard-links' : 'hard-links'], { stdio: ['pipe', 'pipe', 'inherit'] });
        const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
        assert.equal((await lines.next()).value, 'ready');
        return {
          async race(lockDir: string) {
            child.stdin.write(`${JSON.stringify({ dir: lockDir, at: Date.now() + 20 })}\n`);
            return JSON.parse((await lines.next()).value as string) as { pid: number; answer: string };
          },
          async stop() {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.stdin.end();
            await exited;
          },
        };
      }),
    );
  } finally {
    // Loaded by now (each racer said it was ready).
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
