import type { ResourceResponse } from '../../api/api-types.js';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/** The classroom's recordings. */
export function RecordingsPanel(_props: Props) {
  return null;
}
