import crypto from 'node:crypto';
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
/** Takeovers of takeovers (a process that died while taking a stale lock over): more means something is badly wrong. */
const MAX_TAKEOVER_DEPTH = 4;

/**
 * Takes the exclusive lock on DATA_DIR's embedded database. PGlite keeps no lock of its own and
 * two processes on one directory silently lose each other's writes (see DESIGN.md), so a second
 * opener must be refused. A lock left by a dead process is taken over, atomically: see `claim`.
 */
export function acquireDataDirLock(dataDir: string, owner: Partial<LockOwner> = {}): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const content: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), ...owner };
  // The nonce makes this lock's bytes unique: a takeover names the exact lock it replaces.
  const body = JSON.stringify({ ...content, nonce: crypto.randomBytes(9).toString('base64url') });
  const holder = claim(lockPath, body, 0);
  if (holder) throw new DataDirLockedError(lockPath, holder);
  return makeLock(lockPath, content);
}

/**
 * Makes `file` ours and returns undefined, or returns the live process that holds it. The file
 * only ever appears complete (a written temporary file, hard-linked into place: fails if one
 * exists) or is replaced whole (rename). Replacing a stale lock is a compare-and-swap built on
 * one exclusive create: among the processes that read the same stale bytes, only the one that
 * creates the marker `<file>.takeover-<digest of those bytes>` may replace them, and only if the
 * file still holds them; nobody else can change a lock whose owner is dead, so that check holds
 * until the rename. A live lock is never touched. A taker that dies holding a marker leaves a
 * stale marker, taken over the same way.
 */
function claim(file: string, body: string, depth: number): LockOwner | undefined {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, body)) return undefined;
    const seen = readBytes(file);
    if (seen === undefined) continue; // released meanwhile: try again
    const current = parseOwner(seen);
    if (current && current.pid !== process.pid && isAlive(current.pid)) return current;
    // Its process is gone (or it was never completely written, by an older Amphi): stale.
    if (depth >= MAX_TAKEOVER_DEPTH) throw new Error(`Could not take the lock ${file}: remove ${path.dirname(file)}/${LOCK_FILE}* once no Amphi process runs`);
    const marker = `${file}.takeover-${crypto.createHash('sha256').update(seen).digest('base64url').slice(0, 22)}`;
    const taker = claim(marker, body, depth + 1);
    if (taker) return taker; // another process is replacing it right now, and will own it
    try {
      if (readBytes(file) !== seen) continue; // replaced already by an earlier taker: look again
      replaceWith(file, body);
      return undefined;
    } finally {
      fs.rmSync(marker, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}: it keeps changing`);
}

/** Creates `file` with `body` in one step, or returns false if it exists. */
function createExclusive(file: string, body: string): boolean {
  const temp = writeTemp(file, body);
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Replaces `file` whole: a reader sees the old bytes or the new ones, never a part. */
function replaceWith(file: string, body: string): void {
  const temp = writeTemp(file, body);
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

function writeTemp(file: string, body: string): string {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temp, body, { flag: 'wx', mode: 0o600 });
  return temp;
}

function readBytes(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(text) as LockOwner;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The live owner of DATA_DIR's lock, if any. */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  const owner = parseOwner(readBytes(path.join(dataDir, LOCK_FILE)) ?? '');
  return owner && isAlive(owner.pid) ? owner : undefined;
}

function makeLock(lockPath: string, content: LockOwner): DataDirLock {
  let held = true;
  const releaseOnExit = () => lock.release();
  const lock: DataDirLock = {
    path: lockPath,
    update(owner) {
      Object.assign(content, owner);
      // Whole, never truncated then written: a reader must not take a half-written lock for a stale one.
      replaceWith(lockPath, JSON.stringify({ ...content, nonce: crypto.randomBytes(9).toString('base64url') }));
    },
    release() {
      if (!held) return;
      held = false;
      process.off('exit', releaseOnExit);
      const current = parseOwner(readBytes(lockPath) ?? '');
      if (current?.pid === process.pid) fs.rmSync(lockPath, { force: true });
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
