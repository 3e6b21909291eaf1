import fs from 'node:fs';
import path from 'node:path';

export interface LockOwner {
  pid: number;
  /** Loopback URL of the admin endpoint, when the owner is a server. */
  adminUrl?: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${path.dirname(lockPath)} is already open by process ${owner.pid}` +
        (owner.adminUrl ? ` (an Amphi server, admin endpoint ${owner.adminUrl})` : '') +
        `. PGlite supports one process only: stop that process, or use PostgreSQL (DATABASE_URL) to run several.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  update(owner: Partial<LockOwner>): void;
  release(): void;
}

const LOCK_FILE = 'amphi.lock';

/**
 * Takes the exclusive lock on DATA_DIR's embedded database. PGlite keeps no lock of its own and
 * two processes on one directory silently lose each other's writes (see DESIGN.md), so a second
 * opener must be refused. A lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string, owner: Partial<LockOwner> = {}): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const content: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), ...owner };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
      return makeLock(lockPath, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const current = readLockOwner(dataDir);
      if (current && isAlive(current.pid) && current.pid !== process.pid) {
        throw new DataDirLockedError(lockPath, current);
      }
      // Stale (its process is gone) or unreadable: remove and retry.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

/** The live owner of DATA_DIR's lock, if any. */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' && isAlive(parsed.pid) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function makeLock(lockPath: string, content: LockOwner): DataDirLock {
  let held = true;
  const releaseOnExit = () => lock.release();
  const lock: DataDirLock = {
    path: lockPath,
    update(owner) {
      Object.assign(content, owner);
      fs.writeFileSync(lockPath, JSON.stringify(content), { mode: 0o600 });
    },
    release() {
      if (!held) return;
      held = false;
      process.off('exit', releaseOnExit);
      try {
        const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
        if (current.pid === process.pid) fs.rmSync(lockPath, { force: true });
      } catch {
        // already gone
      }
    },
  };
  process.on('exit', releaseOnExit);
  return lock;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
