import type { GradebookResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';

/** Where the learner list comes from, and whether the platform's roster could be read. */
export function RosterStatus({ roster }: { roster: GradebookResponse['roster'] }) {
  const { t, locale } = useI18n();
  const when = roster.fetchedAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(roster.fetchedAt))
    : null;
  return (
    <p class={roster.status === 'failed' ? 'amphi-roster amphi-roster-failed' : 'amphi-roster amphi-muted'} data-testid="roster-status" data-status={roster.status}>
      {roster.status === 'ok' && (when ? t('grades.roster.ok', { when }) : t('grades.roster.okNoDate'))}
      {roster.status === 'unavailable' && t('grades.roster.unavailable')}
      {roster.status === 'failed' && (
        <>
          {t('grades.roster.failed')}
          {roster.error && (
            <>
              {' '}
              <span lang="en">{roster.error}</span>
            </>
          )}
        </>
      )}
    </p>
  );
}
