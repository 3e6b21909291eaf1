import type { DateRange } from '../../api/analytics-types.js';

/** The API's longest range (src/analytics/analytics.view.ts). */
export const MAX_RANGE_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type RangeProblem = { field: 'from' | 'to'; reason: 'required' | 'order' | 'span' };

function toTime(day: string): number | null {
  if (!DAY.test(day)) return null;
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) ? null : time;
}

/** What is wrong with a typed range, checked before asking the server. */
export function checkRange(range: DateRange): RangeProblem[] {
  const from = toTime(range.from);
  const to = toTime(range.to);
  const problems: RangeProblem[] = [];
  if (from === null) problems.push({ field: 'from', reason: 'required' });
  if (to === null) problems.push({ field: 'to', reason: 'required' });
  if (from === null || to === null) return problems;
  if (from > to) return [{ field: 'from', reason: 'order' }];
  // Inclusive: from = to is one day.
  if ((to - from) / 86_400_000 + 1 > MAX_RANGE_DAYS) return [{ field: 'from', reason: 'span' }];
  return [];
}
