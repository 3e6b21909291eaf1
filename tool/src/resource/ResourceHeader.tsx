import { useEffect } from 'preact/hooks';
import type { ResourceResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pageTitle, useLaunchHeading } from '../launch/LaunchHeadingContext.js';
import { ROUTE_HEADING_ID } from '../launch/RouteMessage.js';
import { courseName } from '../picker/SourceSelect.js';
import { GradedBadge } from './GradedBadge.js';
import { KindLabel } from './KindLabel.js';

/**
 * The page's heading when the link shows a resource (LaunchPage writes none then): one h1, the
 * course once, the kind and grading. The h1 is the link's title when the LMS names the activity
 * otherwise (the resource's title follows as the h2), else the resource's title, followed by its
 * kind as the h2 over the content; the content's own sections are h3.
 */
export function ResourceHeader({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  const { linkTitle } = useLaunchHeading();
  const linkNamesIt = !!linkTitle && linkTitle.trim() !== resource.title.trim();
  const title = linkNamesIt ? linkTitle : resource.title;

  useEffect(() => {
    document.title = pageTitle(title, t('app.name'));
  }, [title, t]);

  const course = (
    <p class="amphi-muted" data-testid="resource-course">
      {t('resource.fromCourse', { course: courseName(resource.course, t('picker.unnamedCourse')) })}
    </p>
  );
  const graded = <GradedBadge gradable={resource.gradable} scoreMaximum={resource.scoreMaximum} />;
  return (
    <div class="amphi-resource-header">
      {linkNamesIt ? (
        <>
          <div class="amphi-page-heading">
            <h1 data-testid="page-title">{linkTitle}</h1>
            {course}
          </div>
          <div class="amphi-resource-heading">
            <h2 id={ROUTE_HEADING_ID} data-testid="resource-title">
              {resource.title}
            </h2>
            <div class="amphi-resource-tags">
              <KindLabel kind={resource.kind} testId="resource-kind" />
              {graded}
            </div>
          </div>
        </>
      ) : (
        <>
          <div class="amphi-page-heading">
            <h1 data-testid="resource-title">{resource.title}</h1>
            {course}
          </div>
          <div class="amphi-resource-tags">
            <h2 id={ROUTE_HEADING_ID} class="amphi-resource-kind-heading">
              <KindLabel kind={resource.kind} testId="resource-kind" />
            </h2>
            {graded}
          </div>
        </>
      )}
    </div>
  );
}
