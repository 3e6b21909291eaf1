import type { ResourceResponse } from '../../api/api-types.js';
import { useApi } from '../../api/ApiContext.js';
import { getResource } from '../../api/content-api.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import '../../styles/classroom-schedule.css';
import { getClassroom, type ClassroomResponse } from './classroom-api.js';
import { ClassroomSettingsForm } from './ClassroomSettingsForm.js';
import { PresentationUpload } from './PresentationUpload.js';
import { UpcomingSessions } from './UpcomingSessions.js';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/** The teacher's classroom settings: sessions, opening, room rules, presentation, and the next sessions. */
export function ClassroomSettingsPanel({ resource, onResourceChanged }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const classroom = useApiData((c) => getClassroom(c, resource.id), [resource.id]);
  const data = classroom.data;
  if (!data) return classroom.status === 'error' ? <ApiErrorAlert error={classroom.error} /> : <LoadingState label={t('schedule.loading')} />;

  const changed = (updated: ClassroomResponse) => {
    classroom.replace(updated);
    // The page's resource carries the settings too (other tabs read them).
    getResource(client, resource.id).then(onResourceChanged, () => undefined);
  };
  return (
    <div class="amphi-stack amphi-classroom-schedule" data-testid="classroom-settings-panel">
      <UpcomingSessions schedule={data.schedule} />
      {data.canEdit && <ClassroomSettingsForm key={data.id} classroom={data} gradable={resource.gradable} onSaved={changed} />}
      {data.canEdit && <PresentationUpload classroom={data} onChanged={changed} />}
    </div>
  );
}
