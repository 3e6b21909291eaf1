import { useMemo } from 'preact/hooks';
import type { ClassroomAnalyticsResponse } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ChartBlock } from '../chart/ChartBlock.js';
import { useFormats } from '../useFormats.js';
import { ClassroomLearnersTable } from './ClassroomLearnersTable.js';
import { ClassroomSessionsTable } from './ClassroomSessionsTable.js';
import { RecordingsWatchedTable } from './RecordingsWatchedTable.js';

/** A classroom's attendance per session (present over absent), its sessions, learners and recordings. */
export function ClassroomAnalytics({ analytics, headingLevel }: { analytics: ClassroomAnalyticsResponse; headingLevel: 4 | 5 }) {
  const { t } = useI18n();
  const f = useFormats();
  const attendance = useMemo(
    () => ({
      labels: analytics.sessions.map((s) => f.dateTime(s.startedAt)),
      series: [
        { label: t('classroomAnalytics.present'), values: analytics.sessions.map((s) => s.present) },
        { label: t('classroomAnalytics.absent'), values: analytics.sessions.map((s) => s.absent) },
      ],
    }),
    [analytics, f, t],
  );
  return (
    <div class="amphi-dashboard-section" data-testid="classroom-analytics">
      <p class="amphi-muted">{t('resourceAnalytics.roster', { count: f.number(analytics.rosterSize) })}</p>
      <ChartBlock
        id="classroom-attendance"
        type="bar"
        stacked
        title={t('classroomAnalytics.attendance')}
        categoryHeader={t('classroomAnalytics.session')}
        data={attendance}
        formatValue={f.number}
        headingLevel={headingLevel}
      />
      {analytics.sessions.length > 0 && <ClassroomSessionsTable sessions={analytics.sessions} />}
      <ClassroomLearnersTable learners={analytics.learners} />
      <RecordingsWatchedTable recordings={analytics.recordings} />
    </div>
  );
}
