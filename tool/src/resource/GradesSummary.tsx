import type { GradebookResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { RosterStatus } from './RosterStatus.js';

/** The gradebook column at the platform, the roster, and how many scores are sent, pending, failed. */
export function GradesSummary({ gradebook }: { gradebook: GradebookResponse }) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const { counts, lineItem } = gradebook;
  return (
    <div class="amphi-grades-summary">
      <p class="amphi-muted" data-testid="grades-line-item">
        {lineItem
          ? t('grades.lineItem', { label: lineItem.label ?? gradebook.resource.title, max: lineItem.scoreMaximum === null ? '—' : number.format(lineItem.scoreMaximum) })
          : t('grades.lineItem.none')}
      </p>
      <RosterStatus roster={gradebook.roster} />
      <p data-testid="grades-counts">
        {t('grades.counts', { sent: number.format(counts.sent), pending: number.format(counts.pending), failed: number.format(counts.failed) })}
      </p>
    </div>
  );
}
