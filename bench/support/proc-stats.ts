import fs from 'node:fs';

/**
 * What Linux says about a process: resident memory (VmRSS in /proc/<pid>/status) and CPU time
 * (utime + stime in /proc/<pid>/stat, in clock ticks of 10 ms).
 */
const TICK_MS = 10;

/** Resident set size in MiB, or undefined when the process is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process (or, with `tid`, of one of its threads), in milliseconds. */
export function cpuMs(pid: number, tid?: number): number {
  try {
    const stat = fs.readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
    // The command name may contain spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU time of every process named `comm` (e.g. all PostgreSQL backends), in milliseconds. */
export function cpuMsOfAll(comm: string): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) total += cpuMs(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** Samples a process's RSS every `everyMs` until stopped; reports peak and mean. */
export class RssSampler {
  private samples: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 200,
  ) {}

  start(): void {
    this.samples = [];
    const take = () => {
      const v = rssMiB(this.pid);
      if (v !== undefined) this.samples.push(v);
    };
    take();
    this.timer = setInterval(take, this.everyMs);
  }

  stop(): { peak: number; mean: number; samples: number } {
    clearInterval(this.timer);
    const last = rssMiB(this.pid);
    if (last !== undefined) this.samples.push(last);
    const peak = Math.max(...this.samples);
    const mean = this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
    return { peak, mean, samples: this.samples.length };
  }
}

/** Whole-machine CPU time from /proc/stat, in milliseconds: busy (not idle, not iowait) and steal. */
export function machineCpuMs(): { busy: number; steal: number } {
  const first = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = first.trim().split(/\s+/).slice(1).map(Number) as number[];
  return { busy: (user! + nice! + system! + irq! + softirq!) * TICK_MS, steal: (steal ?? 0) * TICK_MS };
}

/** A CPU-time stopwatch over the server, the bench process itself and (optionally) PostgreSQL. */
export function cpuStopwatch(serverPid: number, withPostgres: boolean) {
  const read = () => {
    const own = process.cpuUsage();
    return {
      server: cpuMs(serverPid),
      // The JavaScript thread (its id is the process id): Express, the id_token checks and PGlite run on it.
      serverMain: cpuMs(serverPid, serverPid),
      client: (own.user + own.system) / 1000,
      postgres: withPostgres ? cpuMsOfAll('postgres') : 0,
      machine: machineCpuMs(),
      wall: performance.now(),
    };
  };
  const start = read();
  return () => {
    const end = read();
    return {
      wallMs: end.wall - start.wall,
      serverMs: end.server - start.server,
      serverMainThreadMs: end.serverMain - start.serverMain,
      clientMs: end.client - start.client,
      postgresMs: end.postgres - start.postgres,
      /** Every process on the machine, ours included. */
      machineBusyMs: end.machine.busy - start.machine.busy,
      stealMs: end.machine.steal - start.machine.steal,
    };
  };
}
export type CpuTimes = ReturnType<ReturnType<typeof cpuStopwatch>>;
