/**
 * The dropout risk of a learner (docs/indicators.md, "Dropout risk"): a score out of 100 made of
 * points for each warning sign, every one listed as a reason, so that a teacher sees why and
 * can disagree. The weights are deliberately simple; they are not a trained model.
 */
export type RiskReasonCode = 'never-active' | 'inactive-days' | 'activity-drop' | 'missed-actions' | 'low-completion' | 'low-grades';

export interface RiskSignals {
  neverActive: boolean;
  /** Whole days since the last day with a trace (null when never active). */
  daysInactive: number | null;
  /** Statements over the last 14 days and over the 14 before them. */
  recentActivity: number;
  previousActivity: number;
  /** Share of the cohort's active actions the learner missed (null: no ranked cohort). */
  missedActiveShare: number | null;
  /** Mean watched share over the course's videos, unwatched ones counting 0 (null: no video). */
  completion: number | null;
  /** Mean grade share over the graded activities they have a grade in (null: no grade). */
  gradeShare: number | null;
}

export interface RiskReasonValue {
  code: RiskReasonCode;
  points: number;
  params: Record<string, number>;
}

export interface RiskScore {
  score: number;
  level: 'high' | 'medium' | 'low';
  reasons: RiskReasonValue[];
}

export const RISK_LEVELS = { high: 50, medium: 25 } as const;

export function dropoutRisk(s: RiskSignals): RiskScore {
  if (s.neverActive) return { score: 100, level: 'high', reasons: [{ code: 'never-active', points: 100, params: {} }] };
  const reasons: RiskReasonValue[] = [];
  const days = s.daysInactive ?? 0;
  const inactivity = days >= 21 ? 40 : days >= 14 ? 30 : days >= 7 ? 15 : 0;
  if (inactivity) reasons.push({ code: 'inactive-days', points: inactivity, params: { days } });
  // A drop counts only from a base worth comparing with (4 statements in two weeks).
  if (s.previousActivity >= 4 && s.recentActivity <= s.previousActivity / 2) {
    const drop = 1 - s.recentActivity / s.previousActivity;
    reasons.push({ code: 'activity-drop', points: Math.round(20 * drop), params: { percent: Math.round(drop * 100), recent: s.recentActivity, previous: s.previousActivity } });
  }
  if (s.missedActiveShare !== null && s.missedActiveShare >= 0.5) {
    reasons.push({ code: 'missed-actions', points: Math.round(20 * s.missedActiveShare), params: { percent: Math.round(s.missedActiveShare * 100) } });
  }
  if (s.completion !== null && s.completion < 0.3) reasons.push({ code: 'low-completion', points: 10, params: { percent: Math.round(s.completion * 100) } });
  if (s.gradeShare !== null && s.gradeShare < 0.5) reasons.push({ code: 'low-grades', points: 10, params: { percent: Math.round(s.gradeShare * 100) } });
  const score = Math.min(100, reasons.reduce((sum, r) => sum + r.points, 0));
  return { score, level: score >= RISK_LEVELS.high ? 'high' : score >= RISK_LEVELS.medium ? 'medium' : 'low', reasons };
}
