import { getCohort } from '../../api/analytics-api.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormats } from '../useFormats.js';
import { CohortActionsTable } from './CohortActionsTable.js';
import { CohortStatusNote } from './CohortStatusNote.js';
import { CohortTable } from './CohortTable.js';

interface Props {
  to: string | undefined;
  dashboard: string | undefined;
}

/** The class's positions (TdBP) over the window ending `to`, or why there are none. */
export function CohortSection({ to, dashboard }: Props) {
  const { t } = useI18n();
  const f = useFormats();
  const cohort = useApiData((client) => getCohort(client, { to, dashboard }), [to, dashboard]);
  const data = cohort.data;
  return (
    <section class="amphi-dashboard-section amphi-card" aria-labelledby="amphi-cohort-heading" data-testid="cohort-section">
      <h3 id="amphi-cohort-heading">{t('cohort.heading')}</h3>
      {cohort.status === 'error' && <ApiErrorAlert error={cohort.error} />}
      {!data && cohort.status === 'loading' && <LoadingState label={t('analytics.loading')} />}
      {data && (
        <>
          <p class="amphi-muted">{t('cohort.intro', { days: f.number(data.window.days), to: f.longDay(data.window.to) })}</p>
          {data.status === 'ok' ? (
            <>
              {data.learners.length ? <CohortTable learners={data.learners} /> : <p class="amphi-muted">{t('cohort.empty')}</p>}
              <CohortActionsTable actions={data.activeActions} />
            </>
          ) : (
            <CohortStatusNote cohort={data} />
          )}
        </>
      )}
    </section>
  );
}
