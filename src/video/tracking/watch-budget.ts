/**
 * How many seconds of video the server may credit a person now: what they could have watched
 * since the budget's start at the highest playback speed the player offers. One budget per
 * person (the watch_budgets row, locked while it is spent), shared by all their videos and tabs:
 * a person watches one thing at a time, and an open session is not paid once per video of the
 * course. Reckoned on the server's clock only (the database's, which also dated the launch
 * sessions); the statements' timestamps play no part.
 *
 * The budget counts from `budgetFrom` and crediting s seconds moves it s / maxRate later: time
 * not yet spent stays available (an honest player catches up when it re-sends its cumulative
 * segments, and playing at the highest speed never falls behind however its requests are
 * spaced). Nothing accrues before the earliest launch session still live that reported on any
 * of the person's videos: a page left for days does not bank days of watching. The grace covers
 * rounding; it is given once per budget start, never per request (spending it moves
 * `budgetFrom` past now).
 */
export const CREDIT_GRACE_SECONDS = 0.5;

export interface BudgetClock {
  budgetFrom: Date | null;
  /** The earliest launch session still live that reported on any of the person's videos. */
  sessionStartedAt: Date | null;
  sessionExpiresAt: Date | null;
}

export interface WatchBudget {
  /** Where this request's budget counts from. */
  from: Date;
  seconds: number;
  /** The clock to keep when nothing is credited (the session that reported is remembered). */
  clock: BudgetClock;
}

export function watchBudget(clock: BudgetClock, session: { createdAt: Date; expiresAt: Date }, now: Date, maxRate: number): WatchBudget {
  const known = clock.sessionStartedAt && clock.sessionExpiresAt && clock.sessionExpiresAt > now ? { startedAt: clock.sessionStartedAt, expiresAt: clock.sessionExpiresAt } : null;
  const earliest = known && known.startedAt <= session.createdAt ? known : { startedAt: session.createdAt, expiresAt: session.expiresAt };
  const from = new Date(Math.max(clock.budgetFrom?.getTime() ?? -Infinity, earliest.startedAt.getTime()));
  const seconds = Math.max(0, ((now.getTime() - from.getTime()) / 1000) * maxRate + CREDIT_GRACE_SECONDS);
  return { from, seconds, clock: { budgetFrom: clock.budgetFrom, sessionStartedAt: earliest.startedAt, sessionExpiresAt: earliest.expiresAt } };
}

/** The clock after crediting `seconds` from this budget (rounded up to the millisecond: never in the person's favour). */
export function spendBudget(budget: WatchBudget, seconds: number, maxRate: number): BudgetClock {
  if (seconds <= 0) return budget.clock;
  return { ...budget.clock, budgetFrom: new Date(budget.from.getTime() + Math.ceil((seconds / maxRate) * 1000)) };
}
