import type { Agent } from '../lrs/xapi/xapi.types.js';
import type { LrsIdentity } from '../lti/platforms/platform.table.js';
import type { ClassroomSettings } from '../classroom/classroom-settings.schemas.js';
import type { PersonName } from './demo-names.js';

/** Everything the generator decided before writing a row: ids, people, resources, the term's bounds. */
export interface CourseModel {
  seed: number;
  publicUrl: string;
  /** The term: [start, end) in ms since the epoch; `end` is the caller's `now`. */
  start: number;
  end: number;
  weeks: number;
  platform: { id: string; issuer: string; name: string; lrsIdentity: LrsIdentity };
  deployment: { id: string; deploymentId: string };
  context: { id: string; contextId: string; title: string; label: string };
  teachers: Person[];
  learners: Learner[];
  videos: VideoResource[];
  classroom: ClassroomResource;
  dashboards: { instructors: Resource; learners: Resource };
  moodle: { modules: MoodleModule[]; quizzes: MoodleQuiz[] };
  /** The BigBlueButton server's origin, as its xAPI webhooks name it. */
  bbbOrigin: string;
  credentials: { moodle: CredentialModel; bbb: CredentialModel };
}

export interface Person {
  userId: string;
  sub: string;
  name: PersonName;
  locale: 'fr' | 'en';
  role: 'instructor' | 'learner';
}

/** steady: follows the course; drifting: active early, gone in the last weeks; never: in the roster, no trace at all. */
export type LearnerProfile = 'steady' | 'drifting' | 'never';

export interface Learner extends Person {
  index: number;
  profile: LearnerProfile;
  /** How active compared with the others (log-normal around 1). */
  weight: number;
  /** For a drifting learner: the week (fractional) by which they have stopped. */
  fadeWeek: number;
}

export interface Resource {
  id: string;
  title: string;
  /** The Moodle activity (course module) that shows it: its LTI resource link. */
  cmid: number;
  linkRowId: string;
  resourceLinkId: string;
  gradable: boolean;
  scoreMaximum: number | null;
  lineItemId: string | null;
}

export interface VideoResource extends Resource {
  mediaId: string;
  durationSeconds: number;
  completionThreshold: number;
  /** When it appears in the course (ms): nobody watches it before. */
  releasedAt: number;
}

export interface ClassroomResource extends Resource {
  settings: ClassroomSettings;
  durationMinutes: number;
}

export interface MoodleModule {
  cmid: number;
  kind: 'page' | 'resource' | 'url' | 'forum';
  name: string;
}

export interface MoodleQuiz {
  cmid: number;
  name: string;
  questions: number[];
  /** Opened from this time (ms). */
  opensAt: number;
}

export interface CredentialModel {
  id: string;
  name: string;
  key: string;
  authority: Agent;
}
