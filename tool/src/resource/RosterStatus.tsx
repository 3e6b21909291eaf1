import type { GradebookResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';

/** Where the learner list comes from, and whether the platform's roster could be read. */
export function RosterStatus({ roster }: { roster: GradebookResponse['roster'] }) {
  const { t } = useI18n();
  const format = useFormatter();
  const when = roster.fetchedAt
    ? format.dateTime(roster.fetchedAt)
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
