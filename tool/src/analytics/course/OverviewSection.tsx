import { useMemo } from 'preact/hooks';
import type { CourseOverviewResponse } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ChartBlock } from '../chart/ChartBlock.js';
import { KeyFigures } from '../shared/KeyFigures.js';
import { useFormats } from '../useFormats.js';

/** Roster, active learners and actions: the headline numbers and the two daily charts. */
export function OverviewSection({ overview }: { overview: CourseOverviewResponse }) {
  const { t } = useI18n();
  const f = useFormats();
  const labels = useMemo(() => overview.activeLearnersPerDay.map((d) => f.day(d.day)), [overview, f]);
  const active = useMemo(
    () => ({ labels, series: [{ label: t('dashboard.chart.activeLearners.series'), values: overview.activeLearnersPerDay.map((d) => d.count) }] }),
    [labels, overview, t],
  );
  const actions = useMemo(
    () => ({
      labels: overview.actionsPerDay.map((d) => f.day(d.day)),
      series: [{ label: t('dashboard.chart.actions.series'), values: overview.actionsPerDay.map((d) => d.count) }],
    }),
    [overview, f, t],
  );
  const totalActions = overview.actionsPerDay.reduce((sum, d) => sum + d.count, 0);
  return (
    <>
      <KeyFigures
        figures={[
          { id: 'roster', label: t('dashboard.figure.roster'), value: f.number(overview.rosterSize) },
          { id: 'active', label: t('dashboard.figure.active'), value: f.number(overview.activeLearners) },
          { id: 'actions', label: t('dashboard.figure.actions'), value: f.number(totalActions) },
        ]}
      />
      <div class="amphi-chart-grid">
        <ChartBlock id="active-learners" type="line" title={t('dashboard.chart.activeLearners')} categoryHeader={t('analytics.col.day')} data={active} formatValue={f.number} />
        <ChartBlock id="actions" type="bar" title={t('dashboard.chart.actions')} categoryHeader={t('analytics.col.day')} data={actions} formatValue={f.number} />
      </div>
    </>
  );
}
