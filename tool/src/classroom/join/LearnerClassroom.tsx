import type { ResourceResponse } from '../../api/api-types.js';

/** What a learner sees: the next session, the join button, the waiting page. */
export function LearnerClassroom(_props: { resource: ResourceResponse }) {
  return null;
}
