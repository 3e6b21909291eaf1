import { addMessages } from './http/messages.js';
import { REGISTRATION_MESSAGES } from './lti/registration/registration.messages.js';
import { BBB_MESSAGES } from './classroom/bbb/bbb.messages.js';
import { SERVERS_MESSAGES } from './classroom/servers/bbb-server.messages.js';
import { SCHEDULE_MESSAGES } from './classroom/schedule/schedule.messages.js';
import { MEETINGS_MESSAGES } from './classroom/meetings/meeting.messages.js';
import { ATTENDANCE_MESSAGES } from './classroom/attendance/attendance.messages.js';
import { RECORDINGS_MESSAGES } from './classroom/recordings/recording.messages.js';
import { ANALYTICS_MESSAGES } from './analytics/analytics.messages.js';
import { DEMO_MESSAGES } from './demo/demo.messages.js';
import { CAPTIONS_MESSAGES } from './captions/captions.messages.js';
import { METRICS_MESSAGES } from './metrics/metrics.messages.js';
import { PRIVACY_MESSAGES } from './privacy/privacy.messages.js';
import { STORAGE_MESSAGES } from './video/storage/storage.messages.js';

/*
 * The features' message catalogues, given to src/http/messages.ts by this composition module:
 * the shared layer imports no feature (.dependency-cruiser.cjs). Imported for its effect by
 * src/context.ts (every process with a context: server, worker, CLI on its own database, tests)
 * and src/cli/main.ts (errors the server answers the CLI). A new *.messages.ts goes in both
 * lists below; a unit test translating its codes without a context imports this file.
 */
const FEATURE_CATALOGUES = [
  REGISTRATION_MESSAGES,
  BBB_MESSAGES,
  SERVERS_MESSAGES,
  SCHEDULE_MESSAGES,
  MEETINGS_MESSAGES,
  ATTENDANCE_MESSAGES,
  RECORDINGS_MESSAGES,
  ANALYTICS_MESSAGES,
  DEMO_MESSAGES,
  CAPTIONS_MESSAGES,
  METRICS_MESSAGES,
  PRIVACY_MESSAGES,
  STORAGE_MESSAGES,
] as const;

type FeatureMessages = typeof REGISTRATION_MESSAGES &
  typeof BBB_MESSAGES &
  typeof SERVERS_MESSAGES &
  typeof SCHEDULE_MESSAGES &
  typeof MEETINGS_MESSAGES &
  typeof ATTENDANCE_MESSAGES &
  typeof RECORDINGS_MESSAGES &
  typeof ANALYTICS_MESSAGES &
  typeof DEMO_MESSAGES &
  typeof CAPTIONS_MESSAGES &
  typeof METRICS_MESSAGES &
  typeof PRIVACY_MESSAGES &
  typeof STORAGE_MESSAGES;

declare module './http/messages.js' {
  // Each feature's codes become MessageKeys, so `new AppError('captions-…')` is checked.
  interface MessageCatalog extends FeatureMessages {}
}

addMessages(...FEATURE_CATALOGUES);
