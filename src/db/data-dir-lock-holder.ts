import fs from 'node:fs';
import os from 'node:os';

/** What DATA_DIR's lock file records about the process that holds it. */
export interface LockOwner {
  pid: number;
  /** Loopback URL of the admin endpoint, when the owner is a server. */
  adminUrl?: string;
  startedAt: string;
  /** Random, one per acquisition: the only proof that a lock is ours (a pid is not: see `judgeOwner`). */
  token?: string;
  /** os.hostname(): a pid says nothing about another machine's (or container's) processes. */
  hostname?: string;
  /** The kernel's boot id: every process of an earlier boot is gone. */
  bootId?: string;
  /** /proc/self/ns/pid: the same pid names another process in another pid namespace (container). */
  pidNamespace?: string;
  /** Field 22 of /proc/<pid>/stat (ticks since boot): a later process given the same pid started later. */
  processStart?: string;
}

/** A holder in another pid namespace refreshes its lock this often (a worker thread touches its mtime)… */
export const HEARTBEAT_MS = 10_000;
/** …and its lock is stale once it has not been refreshed for this long. */
export const LEASE_MS = 60_000;

export type Verdict =
  /**
   * `here`: on this host and in this pid namespace (its loopback admin URL is reachable);
   * `pid only`: written by an older Amphi with only a pid, which is now ours (no way to tell more).
   */
  | { live: true; seen: 'here' | 'other host' | 'other container' | 'pid only'; refreshedAgoMs?: number }
  | { live: false; reason: string };

/** This process, as a lock records it; the parts /proc does not give (not Linux, no /proc) are left out. */
export function thisHolder(): Pick<LockOwner, 'pid' | 'hostname' | 'bootId' | 'pidNamespace' | 'processStart'> {
  return (me ??= {
    pid: process.pid,
    hostname: os.hostname(),
    bootId: readTrimmed('/proc/sys/kernel/random/boot_id'),
    pidNamespace: readLink('/proc/self/ns/pid'),
    processStart: processStartOf(process.pid),
  });
}
let me: ReturnType<typeof thisHolder> | undefined;

/**
 * Whether the process a lock names still holds it, told by what this process can see. On this
 * host (same hostname): a lock of an earlier boot is stale; in another pid namespace (another
 * container, or this one before it restarted) pids mean nothing, so the holder's heartbeat
 * decides; else the pid must be alive and, when recorded, have started when the holder did (a
 * container's server is pid 1 after every restart). A lock written on another host is live: its
 * processes cannot be seen from here, nor its clock trusted; the refusal says how to remove it.
 * A lock of an older Amphi (no hostname) has only its pid: alive, even our own, is live.
 */
export function judgeOwner(owner: LockOwner, writtenAtMs: number, now = Date.now()): Verdict {
  const me = thisHolder();
  if (owner.hostname === undefined) {
    if (!isAlive(owner.pid)) return { live: false, reason: 'its process is gone' };
    return { live: true, seen: owner.pid === me.pid ? 'pid only' : 'here' };
  }
  if (owner.hostname !== me.hostname) return { live: true, seen: 'other host' };
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return { live: false, reason: 'written before this machine last booted' };
  if (owner.pidNamespace && me.pidNamespace && owner.pidNamespace !== me.pidNamespace) {
    const refreshedAgoMs = Math.max(0, now - writtenAtMs);
    return refreshedAgoMs < LEASE_MS ? { live: true, seen: 'other container', refreshedAgoMs } : { live: false, reason: 'not refreshed by its holder' };
  }
  if (!isAlive(owner.pid)) return { live: false, reason: 'its process is gone' };
  const start = owner.processStart && processStartOf(owner.pid);
  if (start && start !== owner.processStart) return { live: false, reason: 'its pid belongs to a later process' };
  return { live: true, seen: 'here' };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 (starttime) of /proc/<pid>/stat; the name in field 2 may hold spaces and parentheses, so count after its last ')'. */
export function processStartOf(pid: number): string | undefined {
  const stat = readTrimmed(`/proc/${pid}/stat`);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[22 - 3] || undefined;
}

function readTrimmed(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function readLink(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}
