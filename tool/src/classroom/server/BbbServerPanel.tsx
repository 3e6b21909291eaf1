import { BbbServerSetting } from './BbbServerSetting.js';

/** The classroom's Server tab (Moodle administrators only): the same setting as the Administration area's. */
export function BbbServerPanel() {
  return <BbbServerSetting testId="bbb-server-panel" />;
}
