import type { LearnerRef } from '../../api/analytics-types.js';
import type { Translate } from '../../i18n/i18n.js';

/** A learner as plain text (tables' CSV, sorting, search): the name, or why there is none. */
export function learnerLabel(learner: LearnerRef, t: Translate): string {
  const name = learner.name?.trim() || t('analytics.unnamed');
  return learner.inRoster ? name : `${name} (${t('analytics.notInRoster')})`;
}
