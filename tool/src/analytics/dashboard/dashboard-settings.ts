import type { ResourceResponse } from '../../api/api-types.js';

/** Who a dashboard resource is for (settings.audience; teachers only unless it says learners). */
export function dashboardAudience(resource: ResourceResponse): 'instructors' | 'learners' {
  return resource.settings.audience === 'learners' ? 'learners' : 'instructors';
}
