import type { Fact } from './statement-facts.js';

/** What a batch of facts adds to (or takes from) each rollup row. */
export interface RollupDelta {
  daily: Map<string, { contextId: string; day: string; learner: string; objectId: string; action: string; n: number }>;
  learnerDays: Map<string, { contextId: string; day: string; learner: string; n: number }>;
}

export function emptyDelta(): RollupDelta {
  return { daily: new Map(), learnerDays: new Map() };
}

/** Adds `sign` (1 counted, −1 taken back by a voiding) for one fact. */
export function addFact(delta: RollupDelta, fact: Fact, sign: 1 | -1): void {
  const dayKey = `${fact.contextId}\u0000${fact.day}\u0000${fact.learner}`;
  const ld = delta.learnerDays.get(dayKey);
  if (ld) ld.n += sign;
  else delta.learnerDays.set(dayKey, { contextId: fact.contextId, day: fact.day, learner: fact.learner, n: sign });
  if (!fact.objectId || !fact.action) return;
  const key = `${dayKey}\u0000${fact.objectId}\u0000${fact.action}`;
  const d = delta.daily.get(key);
  if (d) d.n += sign;
  else delta.daily.set(key, { contextId: fact.contextId, day: fact.day, learner: fact.learner, objectId: fact.objectId, action: fact.action, n: sign });
}
