import { BbbServerSetting } from './BbbServerSetting.js';

/**
 * The platform's BigBlueButton server in the launch page's Administration area, so that a Moodle
 * administrator can set it without opening a classroom. Same content as the classroom's tab.
 */
export function BbbServerAdminSection() {
  return <BbbServerSetting testId="bbb-server-admin-section" />;
}
