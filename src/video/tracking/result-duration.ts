/**
 * `result.duration` (xAPI Data 4.6, an ISO 8601 duration) in seconds and back, for the cap the
 * server puts on what a page says was spent (stored-statement.ts). Years and months count as
 * 365 and 30 days: either is far beyond any cap the server sets, exactness does not matter.
 */
const UNIT_SECONDS = { Y: 365 * 86_400, Mo: 30 * 86_400, W: 7 * 86_400, D: 86_400, H: 3600, Mi: 60, S: 1 } as const;
const N = String.raw`(\d+(?:\.\d+)?)`;
const DURATION = new RegExp(`^P(?:${N}Y)?(?:${N}M)?(?:${N}W)?(?:${N}D)?(?:T(?:${N}H)?(?:${N}M)?(?:${N}S)?)?$`);

/** The duration in seconds; Infinity for what is not one (never in the page's favour). */
export function durationToSeconds(iso: string): number {
  const match = DURATION.exec(iso);
  if (!match) return Infinity;
  const units = [UNIT_SECONDS.Y, UNIT_SECONDS.Mo, UNIT_SECONDS.W, UNIT_SECONDS.D, UNIT_SECONDS.H, UNIT_SECONDS.Mi, UNIT_SECONDS.S];
  return units.reduce((sum, unit, i) => sum + (match[i + 1] ? Number(match[i + 1]) * unit : 0), 0);
}

/** `PT…S`, rounded down to the hundredth (xAPI keeps 0.01 s). */
export function secondsToDuration(seconds: number): string {
  // The epsilon keeps 0.29 from flooring to 0.28 (0.29 * 100 is 28.999…).
  return `PT${Math.floor(Math.max(0, seconds) * 100 + 1e-6) / 100}S`;
}
