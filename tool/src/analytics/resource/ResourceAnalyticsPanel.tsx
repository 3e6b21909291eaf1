import { useState } from 'preact/hooks';
import { getResourceAnalytics } from '../../api/analytics-api.js';
import type { DateRange } from '../../api/analytics-types.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { DateRangePicker } from '../shared/DateRangePicker.js';
import { ClassroomAnalytics } from './ClassroomAnalytics.js';
import { VideoAnalytics } from './VideoAnalytics.js';
import '../../styles/analytics.css';

interface Props {
  resourceId: string;
  /** The heading above (the tab's, or the course dashboard's detail heading) names the section. */
  title: string;
  headingLevel?: 3 | 4;
}

/**
 * A video's or a classroom's figures for a period (GET /api/analytics/resources/:id): the
 * teacher's Analytics tab, and the course dashboard's view of one resource.
 */
export function ResourceAnalyticsPanel({ resourceId, title, headingLevel = 3 }: Props) {
  const { t } = useI18n();
  const [range, setRange] = useState<DateRange | undefined>(undefined);
  const data = useApiData((client) => getResourceAnalytics(client, resourceId, range ?? {}), [resourceId, range?.from, range?.to]);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const sub = headingLevel === 3 ? 4 : 5;
  return (
    <section class="amphi-dashboard" aria-labelledby={`amphi-analytics-${resourceId}`} data-testid="resource-analytics">
      <Heading id={`amphi-analytics-${resourceId}`}>{title}</Heading>
      <DateRangePicker shown={data.data?.range} onApply={setRange} testId="resource-analytics-range" />
      {data.status === 'error' && <ApiErrorAlert error={data.error} />}
      {data.status === 'loading' && <LoadingState label={t('analytics.loading')} />}
      {data.data?.kind === 'video' && <VideoAnalytics analytics={data.data} headingLevel={sub} />}
      {data.data?.kind === 'classroom' && <ClassroomAnalytics analytics={data.data} headingLevel={sub} />}
    </section>
  );
}
