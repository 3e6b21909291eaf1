import type { ResourceResponse } from '../api/api-types.js';
import { DashboardView } from '../analytics/dashboard/DashboardView.js';
import { TeacherStatusNote } from '../video/editor/TeacherStatusNote.js';
import { LearnerVideo } from '../video/LearnerVideo.js';
import { LearnerClassroom } from '../classroom/join/LearnerClassroom.js';

interface Props {
  resource: ResourceResponse;
  /** A teacher of the course viewing it without the editing tabs (a copied course's original). */
  staff: boolean;
}

/** What a learner sees: a video's player, a classroom's room, a dashboard meant for them. */
export function LearnerView({ resource, staff }: Props) {
  if (resource.kind === 'video') {
    return (
      <>
        {resource.canEdit && <TeacherStatusNote resource={resource} />}
        <LearnerVideo resource={resource} />
      </>
    );
  }
  if (resource.kind === 'classroom') return <LearnerClassroom resource={resource} />;
  return <DashboardView resource={resource} staff={staff} />;
}
