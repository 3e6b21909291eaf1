import type { VideoStatement } from './video-profile.js';

/** The part of Storage the queue uses (localStorage, or a stub in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface QueueOptions<Ack> {
  /** Where the server takes statements (VideoResponse.tracking.statementsUrl). */
  url: string;
  /** Key of the unsent statements in storage (one per resource). */
  storageKey: string;
  /** null when storage is blocked (third-party iframe). */
  storage: StorageLike | null;
  token(): string;
  /** POSTs a batch; rejects with an error carrying `status` (0 for the network). */
  send(url: string, statements: VideoStatement[]): Promise<Ack>;
  /** navigator.sendBeacon, when the browser has it. */
  beacon?: (url: string, body: Blob) => boolean;
  onAcknowledged?: (ack: Ack) => void;
  /** Wait this long to gather statements into one request. */
  batchDelayMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** The server refused these statements for good (a retry would be refused again). */
function isRefusedForGood(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}

/**
 * The statements of `batch` a refusal names (problem+json `issues` at `body.statements.<index>`,
 * which ApiError carries): the server lists every one it refused (a segment past the end of a
 * media replaced by a shorter one, say). Empty when it names none of them.
 */
function refusedStatements(err: unknown, batch: readonly VideoStatement[]): VideoStatement[] {
  const issues = (err as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  const indexes = new Set<number>();
  for (const issue of issues) {
    const index = /^body\.statements\.(\d+)$/.exec(String((issue as { path?: unknown } | null)?.path))?.[1];
    if (index !== undefined) indexes.add(Number(index));
  }
  return batch.filter((_, index) => indexes.has(index));
}

/** A beacon's body is limited (64 KiB in Chromium): send long queues in parts. */
const BEACON_BATCH = 25;

/**
 * Sends statements in batches, in order, and keeps the unsent ones in storage so a closed page
 * sends them on its next load. Failed sends are retried with exponential backoff. When the page
 * goes away, `flushWithBeacon` hands what is left to navigator.sendBeacon, in the text/plain
 * form the server accepts (a beacon cannot carry an Authorization header). Statement ids are
 * fixed by the client, so sending a statement twice stores it once.
 */
export class StatementQueue<Ack = unknown> {
  private pending: VideoStatement[] = [];
  private inFlight = false;
  private timer: unknown;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: QueueOptions<Ack>) {
    this.pending = this.load();
  }

  /** How many statements wait to be sent. */
  get size(): number {
    return this.pending.length;
  }

  push(statement: VideoStatement): void {
    this.pending.push(statement);
    this.save();
    if (!this.stopped) this.schedule(this.options.batchDelayMs ?? 1000);
  }

  /** Sends what waits now (one request at a time; the rest follows). */
  async flush(): Promise<void> {
    this.clear();
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending.slice(0, 100);
    this.inFlight = true;
    try {
      const ack = await this.options.send(this.options.url, batch);
      this.drop(batch);
      this.failures = 0;
      this.options.onAcknowledged?.(ack);
    } catch (err) {
      if (isRefusedForGood(err)) {
        // The server records a batch whole or not at all: only the statements it names are
        // dropped, the rest go again (each round drops at least one, so this ends).
        const named = refusedStatements(err, batch);
        this.drop(named.length ? named : batch);
      } else {
        this.failures += 1;
        const base = this.options.retryBaseMs ?? 2000;
        if (!this.stopped) this.schedule(Math.min(this.options.retryMaxMs ?? 60_000, base * 2 ** (this.failures - 1)));
        return;
      }
    } finally {
      this.inFlight = false;
    }
    if (this.pending.length && !this.stopped) this.schedule(0);
  }

  /**
   * The page is going away: beacons carry what is left. Statements a beacon took are removed
   * (the browser delivers them after the page is gone); those it refused stay stored for the
   * next load.
   */
  flushWithBeacon(): void {
    this.clear();
    const beacon = this.options.beacon;
    if (!beacon) return;
    while (this.pending.length) {
      const batch = this.pending.slice(0, BEACON_BATCH);
      const body = JSON.stringify({ token: this.options.token(), statements: batch });
      if (!beacon(this.options.url, new Blob([body], { type: 'text/plain' }))) break;
      this.drop(batch);
    }
  }

  /** No more timers (the player is gone); stored statements stay for the next load. */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private drop(batch: VideoStatement[]): void {
    const sent = new Set(batch.map((s) => s.id));
    this.pending = this.pending.filter((s) => !sent.has(s.id));
    this.save();
  }

  private schedule(ms: number): void {
    this.clear();
    const setTimer = this.options.setTimer ?? ((run, delay) => setTimeout(run, delay));
    this.timer = setTimer(() => void this.flush(), ms);
  }

  private clear(): void {
    if (this.timer === undefined) return;
    (this.options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = undefined;
  }

  private load(): VideoStatement[] {
    try {
      const stored = JSON.parse(this.options.storage?.getItem(this.options.storageKey) ?? '[]') as unknown;
      return Array.isArray(stored) ? (stored.filter((s) => typeof s?.id === 'string') as VideoStatement[]) : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      if (this.pending.length) this.options.storage?.setItem(this.options.storageKey, JSON.stringify(this.pending));
      else this.options.storage?.removeItem(this.options.storageKey);
    } catch {
      // Storage full or blocked: the statements still go out while the page stays open.
    }
  }
}

/** localStorage, or null where the browser blocks it (reading it throws in some iframes). */
export function browserStorage(): StorageLike | null {
  try {
    const storage = window.localStorage;
    const probe = '__amphi_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/** `queueKey` (VideoResponse.tracking) is per viewer and resource: leftovers go out only under their owner's session. */
export function statementStorageKey(queueKey: string): string {
  return `amphi.video.statements.${queueKey}`;
}
