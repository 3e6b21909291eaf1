import type { ResourceResponse } from '../../api/api-types.js';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/** The platform's BigBlueButton server: its state for teachers, its settings for administrators. */
export function BbbServerPanel(_props: Props) {
  return null;
}
