import type { ResourceResponse } from '../../api/api-types.js';
import { ResourceDescription } from '../../resource/ResourceDescription.js';
import { CourseDashboard } from '../course/CourseDashboard.js';
import { LearnerDashboard } from '../learner/LearnerDashboard.js';
import { dashboardAudience } from './dashboard-settings.js';
import { TeachersOnlyNotice } from './TeachersOnlyNotice.js';

interface Props {
  resource: ResourceResponse;
  /** A teacher of the course (who may not edit this copy): they see the course's figures. */
  staff: boolean;
}

/**
 * A dashboard resource opened without its editing tabs: teachers get the course dashboard,
 * learners their own dashboard when it is meant for them, otherwise a page saying it is for
 * teachers (and nothing is fetched).
 */
export function DashboardView({ resource, staff }: Props) {
  const audience = dashboardAudience(resource);
  return (
    <div class="amphi-stack">
      {resource.description.trim() && <ResourceDescription text={resource.description} />}
      {staff ? (
        <CourseDashboard dashboardId={resource.id} />
      ) : audience === 'learners' ? (
        <LearnerDashboard dashboardId={resource.id} />
      ) : (
        <TeachersOnlyNotice />
      )}
    </div>
  );
}
