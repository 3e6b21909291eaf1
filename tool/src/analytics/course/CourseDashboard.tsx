import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getCourseOverview } from '../../api/analytics-api.js';
import type { CourseResourceUse, DateRange } from '../../api/analytics-types.js';
import { listResources } from '../../api/content-api.js';
import { useApiData } from '../../api/useApiData.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ResourceAnalyticsPanel } from '../resource/ResourceAnalyticsPanel.js';
import { DateRangePicker } from '../shared/DateRangePicker.js';
import { ActivitySection } from './ActivitySection.js';
import { CohortSection } from './CohortSection.js';
import { GradesSection } from './GradesSection.js';
import { RiskSection } from './RiskSection.js';
import '../../styles/analytics.css';

interface Props {
  /** The dashboard resource whose audience and scope the server applies. */
  dashboardId?: string;
}

/**
 * The teacher's view of the course: activity, positions in the class, learners who may need
 * help and grades, for a chosen period. Read-only. A video's or classroom's name opens its own
 * figures here, with a way back.
 */
export function CourseDashboard({ dashboardId }: Props) {
  const { t } = useI18n();
  const [range, setRange] = useState<DateRange | undefined>(undefined);
  const [opened, setOpened] = useState<CourseResourceUse | null>(null);
  const overview = useApiData((client) => getCourseOverview(client, { ...range, dashboard: dashboardId }), [range?.from, range?.to, dashboardId]);
  const resources = useApiData((client) => listResources(client, { source: 'current' }), []);
  const titles = useMemo(() => new Map((resources.data ?? []).map((r) => [r.id, r.title])), [resources.data]);
  const back = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<string | null>(null);

  // Focus follows the view: into the resource's figures, then back to the link that opened them.
  useEffect(() => {
    if (opened) back.current?.focus();
    else if (returnTo.current) document.querySelector<HTMLElement>(`[data-resource-id="${CSS.escape(returnTo.current)}"]`)?.focus();
  }, [opened]);

  if (opened) {
    return (
      <div class="amphi-dashboard" data-testid="course-dashboard-detail">
        <div class="amphi-actions">
          <button ref={back} type="button" class="amphi-button amphi-button-secondary" data-testid="dashboard-back" onClick={() => setOpened(null)}>
            {t('dashboard.detail.back')}
          </button>
        </div>
        <ResourceAnalyticsPanel resourceId={opened.id} title={t('dashboard.detail.heading', { title: opened.title })} />
      </div>
    );
  }
  return (
    <div class="amphi-dashboard" data-testid="course-dashboard">
      <p class="amphi-muted">{t('dashboard.course.intro')}</p>
      <DateRangePicker shown={overview.data?.range} onApply={setRange} testId="dashboard-range" />
      <ActivitySection
        overview={overview}
        titles={titles}
        onOpen={(resource) => {
          returnTo.current = resource.id;
          setOpened(resource);
        }}
      />
      <CohortSection to={range?.to} dashboard={dashboardId} />
      <RiskSection to={range?.to} dashboard={dashboardId} />
      <GradesSection dashboard={dashboardId} />
    </div>
  );
}
