import type { Learner } from './course-model.js';
import type { SeededRandom } from './seeded-random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Sessions a day of a learner of weight 1 who follows the course, before scaling to a target volume. */
export const BASE_SESSIONS_PER_DAY = 0.5;

/** How busy each local hour is (students: late mornings, afternoons and evenings). */
const HOUR_WEIGHTS = [0.2, 0.1, 0.05, 0.02, 0.02, 0.03, 0.1, 0.4, 1, 1.5, 2, 2, 1.2, 1.2, 2, 2, 1.8, 1.5, 1.5, 1.8, 2.2, 2, 1.2, 0.6];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b);
/** Sunday … Saturday: weekdays busier than the weekend; mean 1. */
const DAY_WEIGHTS = [0.6, 1.15, 1.15, 1.15, 1.1, 1.05, 0.8];
/** Europe/Paris, near enough for a rhythm (an hour off in summer is still a daytime rhythm). */
const LOCAL_OFFSET_HOURS = 1;

/** How active the learner is in week `week` (fractional), relative to a steady learner of weight 1. */
export function weekShape(learner: Learner, week: number, weeks: number): number {
  switch (learner.profile) {
    case 'never':
      return 0;
    case 'drifting':
      // Keen at first, fading to nothing by fadeWeek, which is well before the last weeks.
      return week >= learner.fadeWeek ? 0 : 1.3 * (1 - week / learner.fadeWeek) ** 1.5;
    case 'steady':
      // A start-of-term burst, a mid-term dip, revision before the end.
      return week < 1 ? 1.3 : week > weeks - 2 ? 1.2 : week > weeks / 2 && week < weeks / 2 + 2 ? 0.8 : 1;
  }
}

/** Expected sessions of a learner on the day starting at `dayStart` (ms, midnight UTC). */
export function expectedSessions(learner: Learner, dayStart: number, termStart: number, weeks: number, scale: number): number {
  const week = (dayStart - termStart) / (7 * DAY);
  return BASE_SESSIONS_PER_DAY * scale * learner.weight * weekShape(learner, week, weeks) * DAY_WEIGHTS[new Date(dayStart).getUTCDay()]!;
}

/** A Poisson count (Knuth; the rates here are small). */
export function poisson(random: SeededRandom, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

/** A time of day (ms after midnight UTC) drawn from the local hour weights. */
export function timeOfDay(random: SeededRandom): number {
  let target = random.next() * HOUR_TOTAL;
  let hour = 0;
  while (hour < 23 && target >= HOUR_WEIGHTS[hour]!) target -= HOUR_WEIGHTS[hour++]!;
  return ((hour - LOCAL_OFFSET_HOURS + 24) % 24) * HOUR + random.next() * HOUR;
}
