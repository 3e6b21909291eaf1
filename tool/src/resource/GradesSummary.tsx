import type { GradebookResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';
import { RosterStatus } from './RosterStatus.js';

/** The gradebook column at the platform, the roster, and how many scores are sent, pending, failed. */
export function GradesSummary({ gradebook }: { gradebook: GradebookResponse }) {
  const { t } = useI18n();
  const format = useFormatter();
  const { counts, lineItem } = gradebook;
  const label = lineItem?.label ?? gradebook.resource.title;
  return (
    <div class="amphi-grades-summary">
      <p class="amphi-muted" data-testid="grades-line-item">
        {!lineItem
          ? t('grades.lineItem.none')
          : lineItem.scoreMaximum === null
            ? // The platform did not say (or could not be asked): the column by its name only, never "out of —".
              t('grades.lineItem.noMaximum', { label })
            : t('grades.lineItem', { label, max: format.number(lineItem.scoreMaximum, 2) })}
      </p>
      <RosterStatus roster={gradebook.roster} />
      <p data-testid="grades-counts">
        {t('grades.counts', { sent: format.number(counts.sent), pending: format.number(counts.pending), failed: format.number(counts.failed) })}
      </p>
    </div>
  );
}
