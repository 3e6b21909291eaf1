import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
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
    fs.writeFileSync(path.join(dir, 'amphi.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, startedAt: 'then' }));
    const lock = acquireDataDirLock(dir);
    assert.equal(readLockOwner(dir)?.pid, process.pid);
    lock.release();
    fs.rmSync(dir, { recursive: true });
  });
});
