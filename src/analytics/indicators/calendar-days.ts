/** Calendar days as YYYY-MM-DD (UTC), the unit of every rollup. */
const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Every day from `from` to `to` inclusive, with the count the map has for it (0 otherwise). */
export function everyDay(from: string, to: string, counts: ReadonlyMap<string, number>): { day: string; count: number }[] {
  const out: { day: string; count: number }[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push({ day, count: counts.get(day) ?? 0 });
  return out;
}
