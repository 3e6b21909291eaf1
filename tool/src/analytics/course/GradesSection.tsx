import { useMemo } from 'preact/hooks';
import { getGrades } from '../../api/analytics-api.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ChartBlock } from '../chart/ChartBlock.js';
import { CsvTable } from '../shared/CsvTable.js';
import { useFormats } from '../useFormats.js';

/** The grades' distribution over the course (a histogram of shares of the maximum) and per activity. */
export function GradesSection({ dashboard }: { dashboard: string | undefined }) {
  const { t } = useI18n();
  const f = useFormats();
  const grades = useApiData((client) => getGrades(client, { dashboard }), [dashboard]);
  const data = grades.data;
  const histogram = useMemo(
    () => ({
      labels: data?.course.distribution.map((bin) => `${f.percent(bin.from)}–${f.percent(bin.to)}`) ?? [],
      series: [{ label: t('gradesChart.histogram.series'), values: data?.course.distribution.map((bin) => bin.count) ?? [] }],
    }),
    [data, f, t],
  );
  const share = (value: number | null) => (value === null ? '—' : f.percent(value));
  return (
    <section class="amphi-dashboard-section amphi-card" aria-labelledby="amphi-grades-chart-heading" data-testid="grades-section">
      <h3 id="amphi-grades-chart-heading">{t('gradesChart.heading')}</h3>
      {grades.status === 'error' && <ApiErrorAlert error={grades.error} />}
      {!data && grades.status === 'loading' && <LoadingState label={t('analytics.loading')} />}
      {data && data.course.graded === 0 && <p class="amphi-muted">{t('gradesChart.none')}</p>}
      {data && data.course.graded > 0 && (
        <>
          <p class="amphi-muted">{t('gradesChart.intro')}</p>
          <p data-testid="grades-summary">
            {t('gradesChart.summary', { graded: f.number(data.course.graded), mean: share(data.course.mean), median: share(data.course.median) })}
          </p>
          <ChartBlock id="grades-histogram" type="bar" title={t('gradesChart.histogram')} categoryHeader={t('gradesChart.bin')} data={histogram} formatValue={f.number} />
          <CsvTable
            id="amphi-grades-resources"
            testId="grades-resources-table"
            caption={t('gradesChart.resources.caption')}
            header={[t('gradesChart.col.activity'), t('gradesChart.col.graded'), t('gradesChart.col.mean'), t('gradesChart.col.median')]}
            numeric={[false, true, true, true]}
            rows={data.resources.map((r) => ({ key: r.resourceId, text: [r.title, f.number(r.graded), share(r.mean), share(r.median)] }))}
          />
        </>
      )}
    </section>
  );
}
