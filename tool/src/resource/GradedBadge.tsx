import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';

/** "Graded (out of 20)" or "Not graded". */
export function GradedBadge({ gradable, scoreMaximum }: { gradable: boolean; scoreMaximum: number | null }) {
  const { t } = useI18n();
  const format = useFormatter();
  if (!gradable) return <span class="amphi-badge">{t('resource.notGraded')}</span>;
  return (
    <span class="amphi-badge amphi-badge-accent">
      {scoreMaximum === null
        ? t('resource.graded')
        : t('resource.gradedOutOf', { max: format.number(scoreMaximum, 2) })}
    </span>
  );
}
