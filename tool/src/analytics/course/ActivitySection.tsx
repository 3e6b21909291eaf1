import type { CourseResourceUse } from '../../api/analytics-types.js';
import type { ApiData } from '../../api/useApiData.js';
import type { CourseOverviewResponse } from '../../api/analytics-types.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { plural } from '../../i18n/plural.js';
import { learnerLabel } from '../shared/learner-label.js';
import { LearnersActivityTable } from './LearnersActivityTable.js';
import { NameList } from './NameList.js';
import { OverviewSection } from './OverviewSection.js';
import { ResourcesUseTable } from './ResourcesUseTable.js';

interface Props {
  overview: ApiData<CourseOverviewResponse>;
  /** Titles of the course's resources, for those the overview names by id only. */
  titles: Map<string, string>;
  onOpen: (resource: CourseResourceUse) => void;
}

/** The period's activity: figures, daily charts, resources and learners, and who or what was never opened. */
export function ActivitySection({ overview, titles, onOpen }: Props) {
  const { t, locale } = useI18n();
  const data = overview.data;
  const title = (id: string) => data?.resources.find((r) => r.id === id)?.title ?? titles.get(id) ?? id;
  return (
    <section class="amphi-dashboard-section amphi-card" aria-labelledby="amphi-activity-heading" data-testid="activity-section">
      <h3 id="amphi-activity-heading">{t('dashboard.overview.heading')}</h3>
      {overview.status === 'error' && <ApiErrorAlert error={overview.error} />}
      {!data && overview.status === 'loading' && <LoadingState label={t('analytics.loading')} />}
      {data && (
        <>
          <p class="amphi-muted" data-testid="dashboard-scope">
            {data.scope.kind === 'course' ? t('dashboard.scope.course') : plural(locale, 'dashboard.scope.resources', data.scope.resourceIds.length)}
          </p>
          <OverviewSection overview={data} />
          <ResourcesUseTable resources={data.resources} onOpen={onOpen} />
          <NameList
            id="amphi-never-opened"
            testId="never-opened"
            heading={t('dashboard.neverOpened.heading')}
            empty={t('dashboard.neverOpened.none')}
            names={data.neverOpenedResourceIds.map((id) => ({ key: id, text: title(id) }))}
          />
          <LearnersActivityTable learners={data.learners} />
          <NameList
            id="amphi-never-active"
            testId="never-active"
            heading={t('dashboard.neverActive.heading')}
            empty={t('dashboard.neverActive.none')}
            names={data.neverActive.map((l) => ({ key: l.id, text: learnerLabel(l, t) }))}
          />
        </>
      )}
    </section>
  );
}
