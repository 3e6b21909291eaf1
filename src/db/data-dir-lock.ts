import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HEARTBEAT_MS, LEASE_MS, judgeOwner, thisHolder, type LockOwner, type Verdict } from './data-dir-lock-holder.js';

export type { LockOwner } from './data-dir-lock-holder.js';

/** Who holds the lock, as a refusal names it. */
export type LockHolder = Extract<Verdict, { live: true }> & { owner: LockOwner };

export class DataDirLockedError extends Error {
  readonly owner: LockOwner | undefined;
  constructor(
    readonly lockPath: string,
    holder: LockHolder | 'being written',
  ) {
    super(refusal(lockPath, holder));
    this.name = 'DataDirLockedError';
    this.owner = holder === 'being written' ? undefined : holder.owner;
  }
}

function refusal(lockPath: string, holder: LockHolder | 'being written'): string {
  const dir = path.dirname(lockPath);
  if (holder === 'being written') return `The lock ${lockPath} is being written by another process that is opening ${dir}: try again in a moment.`;
  const { owner } = holder;
  const [where, remedy] = {
    here: [owner.adminUrl ? ` (an Amphi server, admin endpoint ${owner.adminUrl})` : '', ''],
    'other host': [` on host ${owner.hostname}`, ` If host ${owner.hostname} is gone, or runs no Amphi on this directory any more, remove ${lockPath} and start again.`],
    'other container': [
      ` in another container on this host (${owner.pidNamespace}), refreshed ${Math.round((holder.refreshedAgoMs ?? 0) / 1000)} s ago`,
      ` If that container has stopped, its lock expires ${LEASE_MS / 1000} s after its last refresh (or remove ${lockPath}).`,
    ],
    'pid only': [
      ` (an older Amphi that recorded only its pid, this process's pid now: in another container, or gone)`,
      ` If no other container or machine runs Amphi on this directory, remove ${lockPath} and start again.`,
    ],
  }[holder.seen];
  return `The embedded database in ${dir} is already open by process ${owner.pid}${where}. PGlite supports one process only: stop that process, or use PostgreSQL (DATABASE_URL) to run several.${remedy}`;
}

export interface DataDirLock {
  readonly path: string;
  update(owner: Partial<LockOwner>): void;
  release(): void;
}

const LOCK_FILE = 'amphi.lock';
/** Takeovers of takeovers (a process that died while taking a stale lock over): more means something is badly wrong. */
const MAX_TAKEOVER_DEPTH = 4;
/** A lock file that does not parse and is younger than this is being written (see `createExclusive`)… */
const WRITE_GRACE_MS = 10_000;
/** …and is waited for this long before the opener gives up. */
const WRITE_WAIT_MS = 1_000;

/**
 * Takes the exclusive lock on DATA_DIR's embedded database. PGlite keeps no lock of its own and
 * two processes on one directory silently lose each other's writes (see DESIGN.md), so a second
 * opener must be refused. A stale lock (see `judgeOwner`) is taken over, atomically: see `claim`.
 * `heartbeatMs` is for tests.
 */
export function acquireDataDirLock(dataDir: string, owner: Partial<LockOwner> = {}, options: { heartbeatMs?: number } = {}): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  // The token makes this lock's bytes unique (a takeover names the exact lock it replaces) and is what makes it ours.
  const content: LockOwner = { ...thisHolder(), startedAt: new Date().toISOString(), ...owner, token: crypto.randomBytes(12).toString('base64url') };
  const holder = claim(lockPath, JSON.stringify(content), 0);
  if (holder !== 'ours') throw new DataDirLockedError(lockPath, holder);
  touch(lockPath);
  return makeLock(lockPath, content, options.heartbeatMs ?? HEARTBEAT_MS);
}

/**
 * Makes `file` ours, or returns who holds it. The file appears complete (a written temporary
 * file, hard-linked into place: fails if one exists) or, where the file system has no hard links,
 * is created exclusively and then written: a reader may see it empty or in part, and takes such a
 * file for one being written while it is young (WRITE_GRACE_MS: writing a few hundred bytes takes
 * microseconds), for the leftover of a writer that died once it is older; a takeover waits for it
 * rather than replace what its live writer is about to own. A lock is replaced whole (rename).
 * Replacing a stale lock is a compare-and-swap built on one exclusive create: among the
 * processes that read the same stale bytes, only the one that creates the marker
 * `<file>.takeover-<digest of those bytes>` may replace them, and only if the file still holds
 * them; nobody else can change a lock whose owner is dead, so that check holds until the rename
 * (a holder in another container that let its lease lapse is stopped by its own heartbeat: see
 * `startHeartbeat`). A live lock is never touched. A taker that dies holding a marker leaves a
 * stale marker, taken over the same way.
 */
function claim(file: string, body: string, depth: number): 'ours' | 'being written' | LockHolder {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, body)) return 'ours';
    const seen = readComplete(file);
    if (seen === 'being written') return seen;
    if (seen === undefined) continue; // released meanwhile: try again
    const current = parseOwner(seen.bytes);
    if (current) {
      const verdict = judgeOwner(current, seen.writtenAtMs);
      if (verdict.live) return { ...verdict, owner: current };
    }
    // Stale: its holder is gone (or a writer died halfway through it).
    if (depth >= MAX_TAKEOVER_DEPTH) throw new Error(`Could not take the lock ${file}: remove ${path.dirname(file)}/${LOCK_FILE}* once no Amphi process runs`);
    const marker = `${file}.takeover-${crypto.createHash('sha256').update(seen.bytes).digest('base64url').slice(0, 22)}`;
    const taker = claim(marker, body, depth + 1);
    if (taker !== 'ours') return taker; // another process is replacing it right now, and will own it
    try {
      if (readBytes(file) !== seen.bytes) continue; // replaced already by an earlier taker: look again
      replaceWith(file, body);
      return 'ours';
    } finally {
      fs.rmSync(marker, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}: it keeps changing`);
}

/**
 * The lock's bytes once they parse, or once they are old enough to be a dead writer's; 'being
 * written' if they stay young and unparsable while we wait; undefined if the file is gone.
 */
function readComplete(file: string): { bytes: string; writtenAtMs: number } | 'being written' | undefined {
  const giveUpAt = Date.now() + WRITE_WAIT_MS;
  for (;;) {
    const bytes = readBytes(file);
    const writtenAtMs = bytes === undefined ? undefined : mtimeOf(file);
    if (bytes === undefined || writtenAtMs === undefined) return undefined;
    if (parseOwner(bytes) || Date.now() - writtenAtMs >= WRITE_GRACE_MS) return { bytes, writtenAtMs };
    if (Date.now() >= giveUpAt) return 'being written';
    sleep(20);
  }
}

/** Creates `file` with `body` in one step (or as complete as the file system allows), or returns false if it exists. */
function createExclusive(file: string, body: string): boolean {
  const temp = writeTemp(file, body);
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // No hard links here (some CIFS and FUSE mounts): an exclusive create, then the bytes.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV' || code === 'ENOSYS') return createThenWrite(file, body);
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function createThenWrite(file: string, body: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, body);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
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

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
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

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The live owner of DATA_DIR's lock, if any. Its admin URL only when it runs here: a loopback URL
 * recorded on another host or in another container is not that server's from here.
 */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  const file = path.join(dataDir, LOCK_FILE);
  const owner = parseOwner(readBytes(file) ?? '');
  const verdict = owner && judgeOwner(owner, mtimeOf(file) ?? 0);
  if (!owner || !verdict?.live) return undefined;
  return verdict.seen === 'here' ? owner : { ...owner, adminUrl: undefined };
}

function makeLock(lockPath: string, content: LockOwner, heartbeatMs: number): DataDirLock {
  let held = true;
  const ours = () => parseOwner(readBytes(lockPath) ?? '')?.token === content.token;
  const heartbeat = startHeartbeat(lockPath, content.token!, heartbeatMs);
  const releaseOnExit = () => lock.release();
  const lock: DataDirLock = {
    path: lockPath,
    update(owner) {
      // Only our own lock: one that is not means another process holds the database now.
      if (!held || !ours()) throw new Error(`The lock ${lockPath} is no longer this process's`);
      Object.assign(content, owner);
      // Whole, never truncated then written: a reader must not take a half-written lock for a stale one.
      replaceWith(lockPath, JSON.stringify(content));
      touch(lockPath);
    },
    release() {
      if (!held) return;
      held = false;
      process.off('exit', releaseOnExit);
      heartbeat.stop();
      if (ours()) fs.rmSync(lockPath, { force: true });
    },
  };
  process.on('exit', releaseOnExit);
  return lock;
}

/**
 * Touches the lock every `everyMs` from a thread of its own, so a long query on the main thread
 * does not let the lease lapse (see LEASE_MS). If the lock is no longer ours, another process
 * opened the database beside this one (it took our lock for stale): this process stops at once
 * rather than write into the other's files.
 */
function startHeartbeat(file: string, token: string, everyMs: number): { stop(): void } {
  const released = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { file, token, everyMs } = workerData;
const released = new Int32Array(workerData.released);
const beat = () => {
  let current;
  try { current = JSON.parse(fs.readFileSync(file, 'utf8')).token; } catch { return; }
  if (current === token) { const now = new Date(); try { fs.utimesSync(file, now, now); } catch {} return; }
  // Released meanwhile (the lock may be another's by now, rightly): nothing to stop.
  if (typeof current !== 'string' || Atomics.load(released, 0)) return;
  fs.writeSync(2, 'The DATA_DIR lock ' + file + ' was taken by another process: stopping now, the embedded database must not be open twice.\\n');
  process.kill(process.pid, 'SIGKILL');
};
setInterval(beat, everyMs);`,
    { eval: true, workerData: { file, token, everyMs, released: released.buffer }, execArgv: [] },
  );
  worker.unref();
  return {
    stop() {
      // Before the file goes: a beat that then reads another process's lock must not take it for a theft.
      Atomics.store(released, 0, 1);
      void worker.terminate();
    },
  };
}

/** Dates the lock on this host's clock (a file server may stamp it with its own): the lease is judged on it. */
function touch(file: string): void {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
  } catch {
    // A mount that refuses it: the heartbeat tries again, and the file server's date is close enough.
  }
}
