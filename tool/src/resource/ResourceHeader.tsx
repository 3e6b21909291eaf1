import type { ResourceResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ROUTE_HEADING_ID } from '../launch/RouteMessage.js';
import { courseName } from '../picker/SourceSelect.js';
import { GradedBadge } from './GradedBadge.js';
import { KindLabel } from './KindLabel.js';

/** Kind, title and course: the route's heading. */
export function ResourceHeader({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  return (
    <div class="amphi-resource-header">
      <div class="amphi-resource-tags">
        <KindLabel kind={resource.kind} testId="resource-kind" />
        <GradedBadge gradable={resource.gradable} scoreMaximum={resource.scoreMaximum} />
      </div>
      <h2 id={ROUTE_HEADING_ID} data-testid="resource-title">
        {resource.title}
      </h2>
      <p class="amphi-muted" data-testid="resource-course">
        {t('resource.fromCourse', { course: courseName(resource.course, t('picker.unnamedCourse')) })}
      </p>
    </div>
  );
}
