import type { RiskLearner, RiskLevel } from '../../api/analytics-types.js';

export type RiskSort = 'score' | 'name' | 'last';

export interface RiskFilter {
  level: RiskLevel | 'all';
  search: string;
  sort: RiskSort;
}

/** Case and accent-blind: "helene" finds "Hélène". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase();
}

/**
 * The learners the teacher asked for, in the order asked. `label` is the shown name (sorting and
 * search follow what is read). Never active sorts before any date: the longest absence first.
 */
export function viewRisk(learners: RiskLearner[], filter: RiskFilter, label: (learner: RiskLearner) => string, locale: string): RiskLearner[] {
  const search = fold(filter.search.trim());
  const kept = learners.filter((l) => (filter.level === 'all' || l.level === filter.level) && (!search || fold(label(l)).includes(search)));
  const byName = (a: RiskLearner, b: RiskLearner) => label(a).localeCompare(label(b), locale);
  const compare: Record<RiskSort, (a: RiskLearner, b: RiskLearner) => number> = {
    score: (a, b) => b.score - a.score || byName(a, b),
    name: byName,
    last: (a, b) => (a.lastActivity ?? '').localeCompare(b.lastActivity ?? '') || b.score - a.score,
  };
  return [...kept].sort(compare[filter.sort]);
}
