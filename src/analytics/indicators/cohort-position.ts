/**
 * The cohort position of the TdBP method (Tableau de Bord Pédagogique, Warren's plugin; see
 * docs/indicators.md, "Cohort position"): over a sliding window, the dynamic cohort is every
 * learner active in it; an action (an object and what was done with it) is *active* when at
 * least `minRate` of the cohort and at least `minLearners` learners did it; its activation rate
 * is the share of the cohort who did. A learner scores +rate for each active action done and
 * −rate for each one missed, and is ranked by score.
 */
export interface CohortThresholds {
  minRate: number;
  minLearners: number;
  minCohort: number;
  minActions: number;
}

export const DEFAULT_THRESHOLDS: CohortThresholds = { minRate: 0.1, minLearners: 3, minCohort: 3, minActions: 6 };

export type CohortStatus = 'ok' | 'cohort-too-small' | 'too-few-actions';

export interface ActiveAction {
  key: string;
  learners: number;
  rate: number;
}

export interface CohortPosition {
  learner: string;
  score: number;
  rank: number;
  quartile: 1 | 2 | 3 | 4;
  done: number;
  missed: number;
}

export interface CohortResult {
  status: CohortStatus;
  cohortSize: number;
  activeActions: ActiveAction[];
  /** Ranked best first; empty unless the status is 'ok'. */
  positions: CohortPosition[];
}

/**
 * `actionsByLearner`: every learner of the cohort (active in the window) → the action keys they
 * did in it (an empty set for a learner whose activity had no action of its own).
 * - a cohort under `minCohort` learners: no active action, no position (a rank among two says nothing);
 * - fewer than `minActions` active actions: the actions are listed, nobody is ranked (a score
 *   made of one or two actions ranks on noise).
 */
export function cohortPosition(actionsByLearner: ReadonlyMap<string, ReadonlySet<string>>, t: CohortThresholds = DEFAULT_THRESHOLDS): CohortResult {
  const cohortSize = actionsByLearner.size;
  if (cohortSize < t.minCohort) return { status: 'cohort-too-small', cohortSize, activeActions: [], positions: [] };
  const doers = new Map<string, number>();
  for (const actions of actionsByLearner.values()) for (const a of actions) doers.set(a, (doers.get(a) ?? 0) + 1);
  const activeActions = [...doers]
    .filter(([, n]) => n >= t.minLearners && n / cohortSize >= t.minRate)
    .map(([key, learners]) => ({ key, learners, rate: learners / cohortSize }))
    .sort((a, b) => b.rate - a.rate || (a.key < b.key ? -1 : 1));
  if (activeActions.length < t.minActions) return { status: 'too-few-actions', cohortSize, activeActions, positions: [] };
  const scored = [...actionsByLearner].map(([learner, actions]) => {
    let score = 0;
    let done = 0;
    for (const a of activeActions) {
      if (actions.has(a.key)) {
        score += a.rate;
        done++;
      } else score -= a.rate;
    }
    return { learner, score: round(score), done, missed: activeActions.length - done };
  });
  scored.sort((a, b) => b.score - a.score || (a.learner < b.learner ? -1 : 1));
  const positions: CohortPosition[] = [];
  scored.forEach((s, i) => {
    // Competition ranking: equal scores share the rank of the first of them (1, 2, 2, 4).
    const rank = i > 0 && scored[i - 1]!.score === s.score ? positions[i - 1]!.rank : i + 1;
    positions.push({ ...s, rank, quartile: quartileOf(rank, cohortSize) });
  });
  return { status: 'ok', cohortSize, activeActions, positions };
}

/** 1 for the top quarter of ranks … 4 for the bottom quarter. */
export function quartileOf(rank: number, cohortSize: number): 1 | 2 | 3 | 4 {
  return (Math.min(4, Math.floor(((rank - 1) / cohortSize) * 4) + 1)) as 1 | 2 | 3 | 4;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
