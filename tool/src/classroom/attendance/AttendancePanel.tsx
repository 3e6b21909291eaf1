import type { ResourceResponse } from '../../api/api-types.js';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/** Attendance per session and per learner. */
export function AttendancePanel(_props: Props) {
  return null;
}
