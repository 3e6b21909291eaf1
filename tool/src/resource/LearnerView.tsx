import type { ResourceResponse } from '../api/api-types.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nContext.js';
import { TeacherStatusNote } from '../video/editor/TeacherStatusNote.js';
import { LearnerVideo } from '../video/LearnerVideo.js';
import { LearnerClassroom } from '../classroom/join/LearnerClassroom.js';
import { ResourceDescription } from './ResourceDescription.js';

/**
 * What a learner sees: a video's player, a classroom's room; for a dashboard made before
 * dashboards were withdrawn from the picker, what the activity is and that its content will
 * appear here.
 */
export function LearnerView({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  if (resource.kind === 'video') {
    return (
      <>
        {resource.canEdit && <TeacherStatusNote resource={resource} />}
        <LearnerVideo resource={resource} />
      </>
    );
  }
  if (resource.kind === 'classroom') return <LearnerClassroom resource={resource} />;
  return (
    <div class="amphi-card">
      <ResourceDescription text={resource.description} />
      <p class="amphi-pending" data-testid="resource-pending">
        <Icon name="clock" />
        <span>{t(`resource.pending.${resource.kind}`)}</span>
      </p>
    </div>
  );
}
