import { useMemo, useState } from 'preact/hooks';
import { getMyAnalytics } from '../../api/analytics-api.js';
import type { DateRange } from '../../api/analytics-types.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { plural } from '../../i18n/plural.js';
import { ChartBlock } from '../chart/ChartBlock.js';
import { DateRangePicker } from '../shared/DateRangePicker.js';
import { useFormats } from '../useFormats.js';
import { CohortPosition } from './CohortPosition.js';
import { ProgressList } from './ProgressList.js';
import '../../styles/analytics.css';

/**
 * A learner's own figures (GET /api/analytics/me): activity per day, progress in each resource
 * and their quarter of the class in words. The API answers about the session's user only, so no
 * other learner's name can reach this page.
 */
export function LearnerDashboard({ dashboardId }: { dashboardId?: string }) {
  const { t, locale } = useI18n();
  const f = useFormats();
  const [range, setRange] = useState<DateRange | undefined>(undefined);
  const mine = useApiData((client) => getMyAnalytics(client, { ...range, dashboard: dashboardId }), [range?.from, range?.to, dashboardId]);
  const data = mine.data;
  const actions = useMemo(
    () => ({
      labels: data?.actionsPerDay.map((d) => f.day(d.day)) ?? [],
      series: [{ label: t('learnerDashboard.chart.series'), values: data?.actionsPerDay.map((d) => d.count) ?? [] }],
    }),
    [data, f, t],
  );
  return (
    <div class="amphi-dashboard" data-testid="learner-dashboard">
      <div class="amphi-page-heading">
        <h3>{t('learnerDashboard.heading')}</h3>
        <p class="amphi-muted">{t('learnerDashboard.intro')}</p>
      </div>
      <DateRangePicker shown={data?.range} onApply={setRange} testId="learner-range" />
      {mine.status === 'error' && <ApiErrorAlert error={mine.error} />}
      {!data && mine.status === 'loading' && <LoadingState label={t('analytics.loading')} />}
      {data && (
        <>
          <CohortPosition cohort={data.cohort} />
          <p data-testid="learner-active-days">{plural(locale, 'learnerDashboard.activeDays', data.activeDays)}</p>
          <ChartBlock id="my-actions" type="bar" title={t('learnerDashboard.chart')} categoryHeader={t('analytics.col.day')} data={actions} formatValue={f.number} />
          <ProgressList resources={data.resources} />
        </>
      )}
    </div>
  );
}
