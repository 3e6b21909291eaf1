import type { ResourceResponse } from '../../api/api-types.js';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/** The room as a teacher sees it: the next session and the join button (as moderator). */
export function ClassroomRoomPanel(_props: Props) {
  return null;
}
