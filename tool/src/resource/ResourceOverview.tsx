import type { ResourceResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';
import { SummaryItem } from '../launch/SummaryItem.js';
import { courseName } from '../picker/SourceSelect.js';
import { GradedBadge } from './GradedBadge.js';
import { KindLabel } from './KindLabel.js';
import { ResourceDescription } from './ResourceDescription.js';

/** The resource at a glance. */
export function ResourceOverview({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  const format = useFormatter();
  const date = (iso: string) => format.dateTime(iso);
  return (
    <div class="amphi-card">
      <h3>{t('resource.overview.heading')}</h3>
      <ResourceDescription text={resource.description} />
      <dl class="amphi-summary">
        <SummaryItem label={t('resource.overview.kind')}>
          <KindLabel kind={resource.kind} />
        </SummaryItem>
        <SummaryItem label={t('resource.overview.course')}>{courseName(resource.course, t('picker.unnamedCourse'))}</SummaryItem>
        <SummaryItem label={t('resource.overview.createdBy')}>{resource.createdBy?.name ?? t('picker.unknownCreator')}</SummaryItem>
        <SummaryItem label={t('resource.overview.grading')}>
          <GradedBadge gradable={resource.gradable} scoreMaximum={resource.scoreMaximum} />
        </SummaryItem>
        <SummaryItem label={t('resource.overview.updated')}>
          <time dateTime={resource.updatedAt}>{date(resource.updatedAt)}</time>
        </SummaryItem>
      </dl>
    </div>
  );
}
