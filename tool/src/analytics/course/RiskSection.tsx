import { useMemo, useState } from 'preact/hooks';
import { getRisk } from '../../api/analytics-api.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { plural } from '../../i18n/plural.js';
import { learnerLabel } from '../shared/learner-label.js';
import { useFormats } from '../useFormats.js';
import { RiskFilters } from './RiskFilters.js';
import { RiskTable } from './RiskTable.js';
import { viewRisk, type RiskFilter } from './risk-view.js';

interface Props {
  to: string | undefined;
  dashboard: string | undefined;
}

/** Learners who may need help as of `to`: filter by level and name, sort by score, name or absence. */
export function RiskSection({ to, dashboard }: Props) {
  const { t, locale } = useI18n();
  const f = useFormats();
  const risk = useApiData((client) => getRisk(client, { to, dashboard }), [to, dashboard]);
  const [filter, setFilter] = useState<RiskFilter>({ level: 'all', search: '', sort: 'score' });
  const all = risk.data?.learners;
  const shown = useMemo(() => (all ? viewRisk(all, filter, (l) => learnerLabel(l.learner, t), locale) : []), [all, filter, t, locale]);
  return (
    <section class="amphi-dashboard-section amphi-card" aria-labelledby="amphi-risk-heading" data-testid="risk-section">
      <h3 id="amphi-risk-heading">{t('risk.heading')}</h3>
      {risk.status === 'error' && <ApiErrorAlert error={risk.error} />}
      {!risk.data && risk.status === 'loading' && <LoadingState label={t('analytics.loading')} />}
      {risk.data && (
        <>
          <p class="amphi-muted">{t('risk.intro', { date: f.longDay(risk.data.asOf) })}</p>
          {all && all.length ? (
            <>
              <RiskFilters filter={filter} onChange={(change) => setFilter((current) => ({ ...current, ...change }))} />
              <StatusMessage text={plural(locale, 'risk.count', shown.length, { total: f.number(all.length) })} testId="risk-count" />
              {shown.length ? <RiskTable learners={shown} /> : <p class="amphi-muted">{t('risk.noMatch')}</p>}
            </>
          ) : (
            <p class="amphi-muted">{t('risk.none')}</p>
          )}
        </>
      )}
    </section>
  );
}
