/**
 * How many roster fetches run at once in this process. Each one may hold a whole course's
 * membership in memory (up to its budget, names-roles.client.ts), and a platform decides how many
 * courses it launches from and where their roster URLs point: so a few at a time in all, fewer per
 * platform (one platform never takes every slot), and a bounded waiting line per platform.
 */
export interface FetchSlotLimits {
  /** Fetches running at once in the process. */
  total: number;
  /** Fetches of one platform running at once. */
  perPlatform: number;
  /** Fetches of one platform waiting for a slot; past it a fetch is refused at once. */
  waitingPerPlatform: number;
}

export const ROSTER_FETCH_LIMITS: FetchSlotLimits = { total: 4, perPlatform: 2, waitingPerPlatform: 20 };

export class FetchSlotsBusyError extends Error {
  constructor() {
    super('too many roster fetches under way for this platform');
    this.name = 'FetchSlotsBusyError';
  }
}

export class FetchSlots {
  private running = 0;
  private readonly runningBy = new Map<string, number>();
  /** First come, first served, among the platforms that are under their share. */
  private readonly waiting: { platformId: string; start: () => void }[] = [];

  constructor(private readonly limits: FetchSlotLimits) {}

  /** Runs `task` once a slot is free; throws FetchSlotsBusyError when the platform's line is full. */
  async run<T>(platformId: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(platformId);
    try {
      return await task();
    } finally {
      this.release(platformId);
    }
  }

  private acquire(platformId: string): Promise<void> {
    if (this.mayStart(platformId)) {
      this.take(platformId);
      return Promise.resolve();
    }
    if (this.waiting.filter((w) => w.platformId === platformId).length >= this.limits.waitingPerPlatform) {
      return Promise.reject(new FetchSlotsBusyError());
    }
    return new Promise((resolve) => this.waiting.push({ platformId, start: resolve }));
  }

  private release(platformId: string): void {
    this.running--;
    const left = (this.runningBy.get(platformId) ?? 1) - 1;
    if (left > 0) this.runningBy.set(platformId, left);
    else this.runningBy.delete(platformId);
    const next = this.waiting.findIndex((w) => this.mayStart(w.platformId));
    if (next < 0) return;
    const [waiter] = this.waiting.splice(next, 1);
    this.take(waiter!.platformId);
    waiter!.start();
  }

  private mayStart(platformId: string): boolean {
    return this.running < this.limits.total && (this.runningBy.get(platformId) ?? 0) < this.limits.perPlatform;
  }

  private take(platformId: string): void {
    this.running++;
    this.runningBy.set(platformId, (this.runningBy.get(platformId) ?? 0) + 1);
  }
}

/** The process's one set of slots for roster fetches. */
export const rosterFetchSlots = new FetchSlots(ROSTER_FETCH_LIMITS);
