import { getResource } from '../api/content-api.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ROUTE_HEADING_ID } from '../launch/RouteMessage.js';
import type { LaunchRoute, SessionResponse } from '../session/session-types.js';
import { InstructorView } from './InstructorView.js';
import { LearnerView } from './LearnerView.js';
import { ReadOnlyNotice } from './ReadOnlyNotice.js';
import { ResourceHeader } from './ResourceHeader.js';

interface Props {
  route: Extract<LaunchRoute, { name: 'resource' }>;
  onSessionChange: (session: SessionResponse) => void;
  /** A teacher or administrator of the course (a dashboard shows them the course's figures). */
  staff: boolean;
}

/**
 * The resource this link shows. Its editors (resource.canEdit) get tabs to set up (a video's
 * upload, preview and chapters), swap and grade it; everybody else gets its page (the video
 * player, the classroom, the dashboard meant for them). A copied course's original is shown
 * read-only, as learners see it.
 */
export function ResourcePage({ route, onSessionChange, staff }: Props) {
  const { t } = useI18n();
  const resource = useApiData((client) => getResource(client, route.resourceId), [route.resourceId]);

  if (!resource.data) {
    return (
      <div class="amphi-stack">
        <h1 id={ROUTE_HEADING_ID}>{t(`kind.${route.kind}`)}</h1>
        {resource.status === 'error' ? <ApiErrorAlert error={resource.error} /> : <LoadingState label={t('resource.loading')} />}
      </div>
    );
  }
  const editable = resource.data.canEdit && !route.readOnly;
  return (
    <div class="amphi-stack">
      <ResourceHeader resource={resource.data} />
      {route.readOnly && <ReadOnlyNotice />}
      {editable ? (
        <InstructorView resource={resource.data} onUpdated={resource.replace} onSessionChange={onSessionChange} />
      ) : (
        <LearnerView resource={resource.data} staff={staff} />
      )}
    </div>
  );
}
