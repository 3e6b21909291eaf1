import { useMemo } from 'preact/hooks';
import type { VideoAnalyticsResponse } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ChartBlock } from '../chart/ChartBlock.js';
import { KeyFigures } from '../shared/KeyFigures.js';
import { useFormats } from '../useFormats.js';
import { formatClock } from './clock.js';
import { VideoLearnersTable } from './VideoLearnersTable.js';

/** A video's key figures, its retention curve, its views per day and each learner's viewing. */
export function VideoAnalytics({ analytics, headingLevel }: { analytics: VideoAnalyticsResponse; headingLevel: 4 | 5 }) {
  const { t } = useI18n();
  const f = useFormats();
  const retention = useMemo(
    () => ({
      labels: analytics.retention.map((slice) => `${formatClock(slice.startSeconds)}–${formatClock(slice.endSeconds)}`),
      series: [{ label: t('videoAnalytics.retention.series'), values: analytics.retention.map((slice) => slice.share) }],
    }),
    [analytics, t],
  );
  const daily = useMemo(
    () => ({
      labels: analytics.dailyViews.map((d) => f.day(d.day)),
      series: [{ label: t('videoAnalytics.dailyViews.series'), values: analytics.dailyViews.map((d) => d.count) }],
    }),
    [analytics, f, t],
  );
  return (
    <div class="amphi-dashboard-section" data-testid="video-analytics">
      <KeyFigures
        figures={[
          { id: 'views', label: t('videoAnalytics.views'), value: f.number(analytics.views) },
          { id: 'unique-viewers', label: t('videoAnalytics.uniqueViewers'), value: f.number(analytics.uniqueViewers) },
          { id: 'completion-rate', label: t('videoAnalytics.completionRate'), value: f.percent(analytics.completionRate) },
          { id: 'average-watched', label: t('videoAnalytics.averageWatched'), value: f.percent(analytics.averageWatchedShare) },
          { id: 'downloads', label: t('videoAnalytics.downloads'), value: f.number(analytics.downloads) },
        ]}
      />
      <p class="amphi-muted">{t('resourceAnalytics.roster', { count: f.number(analytics.rosterSize) })}</p>
      <div class="amphi-chart-grid">
        <ChartBlock
          id="video-retention"
          type="line"
          title={t('videoAnalytics.retention')}
          description={t('videoAnalytics.retention.description')}
          categoryHeader={t('videoAnalytics.retention.moment')}
          data={retention}
          max={1}
          formatValue={f.percent}
          headingLevel={headingLevel}
        />
        <ChartBlock
          id="video-daily-views"
          type="bar"
          title={t('videoAnalytics.dailyViews')}
          categoryHeader={t('analytics.col.day')}
          data={daily}
          formatValue={f.number}
          headingLevel={headingLevel}
        />
      </div>
      <VideoLearnersTable learners={analytics.learners} />
    </div>
  );
}
