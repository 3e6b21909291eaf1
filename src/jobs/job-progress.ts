/** The shortest time between two progress writes of one run. */
const PROGRESS_WRITE_GAP_MS = 1000;

/**
 * Throttles a run's progress reports to one write a second: the latest value wins, and a value
 * reported during the gap is written when it ends. `flush()` writes what is pending (run end).
 */
export class ProgressWriter {
  private pending: { fraction: number; label: string | null } | undefined;
  /** A report without a label keeps the last one. */
  private label: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly write: (fraction: number, label: string | null) => Promise<void>) {}

  report(fraction: number, label?: string): void {
    const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    this.label = label ?? this.label;
    this.pending = { fraction: clamped, label: this.label };
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + PROGRESS_WRITE_GAP_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeNow();
    }, wait);
    this.timer.unref();
  }

  /** Writes the pending value now and waits for every write; no write happens after. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writeNow();
    await this.writing;
  }

  private writeNow(): void {
    const value = this.pending;
    if (!value) return;
    this.pending = undefined;
    this.lastWriteAt = Date.now();
    this.writing = this.writing.then(() => this.write(value.fraction, value.label));
  }
}
