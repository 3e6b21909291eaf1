import type { ResourceResponse } from '../api/api-types.js';
import { lazyView } from '../components/lazy-view.js';

// One chunk per kind: a student opening a classroom downloads neither the player nor the charts.
const TeacherStatusNote = lazyView(() => import('../video/editor/TeacherStatusNote.js').then((m) => m.TeacherStatusNote), 'videoEditor.loading');
const LearnerVideo = lazyView(() => import('../video/LearnerVideo.js').then((m) => m.LearnerVideo), 'player.loading');
const LearnerClassroom = lazyView(() => import('../classroom/join/LearnerClassroom.js').then((m) => m.LearnerClassroom), 'resource.loading');
const DashboardView = lazyView(() => import('../analytics/dashboard/DashboardView.js').then((m) => m.DashboardView), 'resource.loading');

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
