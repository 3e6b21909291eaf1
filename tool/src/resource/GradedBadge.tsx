import { useI18n } from '../i18n/I18nContext.js';

/** "Graded (out of 20)" or "Not graded". */
export function GradedBadge({ gradable, scoreMaximum }: { gradable: boolean; scoreMaximum: number | null }) {
  const { t, locale } = useI18n();
  if (!gradable) return <span class="amphi-badge">{t('resource.notGraded')}</span>;
  return (
    <span class="amphi-badge amphi-badge-accent">
      {scoreMaximum === null
        ? t('resource.graded')
        : t('resource.gradedOutOf', { max: new Intl.NumberFormat(locale).format(scoreMaximum) })}
    </span>
  );
}
