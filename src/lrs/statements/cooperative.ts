import { performance } from 'node:perf_hooks';

/**
 * Long work on a statement batch (a 9,000-statement POST is 10–20 MB of JSON) done in slices of
 * about SLICE_MS, with the event loop free between them: other requests, /healthz and the other
 * tenants' included, are served meanwhile instead of waiting seconds for the batch. setImmediate
 * runs after the I/O callbacks that are ready, so each yield lets waiting requests in.
 */
export const SLICE_MS = 10;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock for one piece of work: `due()` says when the current slice has run its time. */
export class Slices {
  private since = performance.now();

  due(): boolean {
    return performance.now() - this.since >= SLICE_MS;
  }

  /** Yields when the slice has run its time; else returns at once. */
  async pause(): Promise<void> {
    if (!this.due()) return;
    await yieldToEventLoop();
    this.since = performance.now();
  }
}

/** `items.map(fn)` in slices; an error thrown by `fn` stops it and is thrown as is. */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T, index: number) => R): Promise<R[]> {
  const slices = new Slices();
  const out = new Array<R>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    await slices.pause();
  }
  return out;
}
