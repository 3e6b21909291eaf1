import type { Histogram } from 'prom-client';

/**
 * Observes how long `work` took, from this call to its settling, labelled by how it ended:
 * `succeeded`, `aborted` (its signal fired: a cancel, a shutdown) or `failed`. Pass the promise
 * as soon as it is made: what ran before (a download of the source) is not counted.
 */
export async function timeOutcome<T>(histogram: Histogram<'outcome'>, signal: AbortSignal | undefined, work: Promise<T>): Promise<T> {
  const stop = histogram.startTimer();
  try {
    const result = await work;
    stop({ outcome: 'succeeded' });
    return result;
  } catch (err) {
    stop({ outcome: signal?.aborted ? 'aborted' : 'failed' });
    throw err;
  }
}
