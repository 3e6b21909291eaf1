/**
 * What a statement's verb means for the indicators (docs/indicators.md, "Actions"). Three
 * producers write the traces a course leaves, each with its own vocabulary:
 * - Amphi: `launched` (every visit), the xAPI video profile, the virtual-classroom profile;
 * - Moodle's logstore_xapi: `viewed` (course and module pages), `attempted` / `completed` /
 *   `scored` / `answered` (quizzes, assignments);
 * - BigBlueButton's xAPI webhooks (bbb-webhooks `out/xapi`): `join` / `leave`, `posted` (chat),
 *   `answered` (poll), `reacted` (raised hand), `start` / `stopped` / `share` (micro, camera,
 *   screen). Older profile drafts (Ralph's models) say `raised-hand`, `shared-screen`…: both sets
 *   are mapped.
 *
 * An action of null still counts as activity (analytics_learner_days) but is no "action" of
 * its own: pausing or seeking says less about engagement than playing, and would otherwise
 * dominate the cohort's actions by sheer number.
 */
export type Action = 'opened' | 'viewed' | 'played' | 'completed' | 'downloaded' | 'joined' | 'posted' | 'reacted' | 'answered' | 'attempted' | 'scored' | 'spoke';

const ACTIONS: Record<string, Action | null> = {
  'http://adlnet.gov/expapi/verbs/launched': 'opened',
  'http://id.tincanapi.com/verb/viewed': 'viewed',
  'http://activitystrea.ms/schema/1.0/access': 'viewed',
  'http://activitystrea.ms/access': 'viewed',
  'https://w3id.org/xapi/netc/verbs/accessed': 'viewed',
  'http://adlnet.gov/expapi/verbs/experienced': 'viewed',
  'https://w3id.org/xapi/video/verbs/played': 'played',
  'https://w3id.org/xapi/video/verbs/paused': null,
  'https://w3id.org/xapi/video/verbs/seeked': null,
  'http://adlnet.gov/expapi/verbs/interacted': null,
  'http://adlnet.gov/expapi/verbs/completed': 'completed',
  'http://adlnet.gov/expapi/verbs/passed': 'completed',
  'http://adlnet.gov/expapi/verbs/failed': 'attempted',
  'http://adlnet.gov/expapi/verbs/attempted': 'attempted',
  'http://adlnet.gov/expapi/verbs/scored': 'scored',
  'http://adlnet.gov/expapi/verbs/answered': 'answered',
  'http://adlnet.gov/expapi/verbs/asked': null,
  'http://id.tincanapi.com/verb/downloaded': 'downloaded',
  'http://activitystrea.ms/join': 'joined',
  'http://activitystrea.ms/schema/1.0/join': 'joined',
  'http://adlnet.gov/expapi/verbs/joined': 'joined',
  'http://activitystrea.ms/leave': null,
  'http://activitystrea.ms/schema/1.0/leave': null,
  'http://adlnet.gov/expapi/verbs/exited': null,
  'https://w3id.org/xapi/acrossx/verbs/posted': 'posted',
  'http://adlnet.gov/expapi/verbs/commented': 'posted',
  'https://w3id.org/xapi/virtual-classroom/verbs/reacted': 'reacted',
  'https://w3id.org/xapi/virtual-classroom/verbs/raised-hand': 'reacted',
  'https://w3id.org/xapi/virtual-classroom/verbs/unreacted': null,
  'https://w3id.org/xapi/virtual-classroom/verbs/lowered-hand': null,
  'http://activitystrea.ms/start': 'spoke',
  'https://w3id.org/xapi/virtual-classroom/verbs/unmuted': 'spoke',
  'https://w3id.org/xapi/virtual-classroom/verbs/muted': null,
  'https://w3id.org/xapi/virtual-classroom/verbs/stopped': null,
  'https://w3id.org/xapi/virtual-classroom/verbs/started-camera': null,
  'https://w3id.org/xapi/virtual-classroom/verbs/stopped-camera': null,
  'http://activitystrea.ms/share': null,
  'http://activitystrea.ms/unshare': null,
  'https://w3id.org/xapi/virtual-classroom/verbs/shared-screen': null,
  'https://w3id.org/xapi/virtual-classroom/verbs/unshared-screen': null,
};

const VIDEO_TYPE = 'https://w3id.org/xapi/video/activity-type/video';
const INITIALIZED = 'http://adlnet.gov/expapi/verbs/initialized';
const TERMINATED = 'http://adlnet.gov/expapi/verbs/terminated';

/**
 * The action of a verb, for an object of this activity type. `initialized` is a viewing for a
 * video (a player session: the profile's first statement) and nothing of its own for a
 * classroom (the session opening, by the teacher). Unknown verbs count as activity only.
 */
export function actionOf(verbId: string, objectType: string | undefined): Action | null {
  if (verbId === INITIALIZED) return objectType === VIDEO_TYPE ? 'viewed' : null;
  if (verbId === TERMINATED) return null;
  return ACTIONS[verbId] ?? null;
}
