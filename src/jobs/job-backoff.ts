/** The longest wait between two runs of a failing job. */
const MAX_DELAY_MS = 3_600_000;

/**
 * The wait after the `attempts`-th failed run (1 = the first): exponential from `baseMs`
 * (doubling), capped at an hour, with "equal jitter" (half fixed, half random) so jobs that
 * failed together (ffmpeg missing, disk full) do not all come back at the same instant.
 * `random` in [0, 1).
 */
export function retryDelayMs(baseMs: number, attempts: number, random: number = Math.random()): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}
