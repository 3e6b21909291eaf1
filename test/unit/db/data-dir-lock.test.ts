import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { DataDirLockedError, acquireDataDirLock, readLockOwner } from '../../../src/db/data-dir-lock.js';

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

  it('lets exactly one of several processes racing for a stale lock take it over, and never takes a live one', async () => {
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

/**
 * Small processes that each try to take a DATA_DIR lock when told, all at the same instant (they
 * spin until a shared start time), and keep what they took until they exit. Plain node on the
 * module compiled once: eight processes start in a fraction of what eight tsx loaders take.
 */
async function startRacers(count: number): Promise<Racer[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-racer-'));
  const source = fs.readFileSync(path.resolve('src/db/data-dir-lock.ts'), 'utf8');
  const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  fs.writeFileSync(path.join(dir, 'data-dir-lock.mjs'), compiled.outputText);
  fs.writeFileSync(
    path.join(dir, 'racer.mjs'),
    `import readline from 'node:readline';
import { acquireDataDirLock } from './data-dir-lock.mjs';
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
      Array.from({ length: count }, async () => {
        const child = spawn(process.execPath, [path.join(dir, 'racer.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
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
