import type { ResourceResponse } from '../../api/api-types.js';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/** The teacher's classroom settings: sessions, opening, room rules, presentation. */
export function ClassroomSettingsPanel(_props: Props) {
  return null;
}
