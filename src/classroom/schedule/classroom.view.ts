import type { ClassroomSettings } from '../classroom-settings.schemas.js';

/**
 * Wire shapes of the classroom settings API (the front end imports these types).
 *
 * GET    /api/classrooms/:resourceId                    learner+ → ClassroomResponse
 * PATCH  /api/classrooms/:resourceId                    instructor (editor), UpdateClassroomBody → ClassroomResponse
 * PUT    /api/classrooms/:resourceId/presentation?fileName=   instructor (editor), the file's bytes → ClassroomResponse
 * DELETE /api/classrooms/:resourceId/presentation       instructor (editor) → ClassroomResponse
 * GET    /classroom/presentations/:token/:fileName      no session (BigBlueButton), signed URL → the file
 *
 * Every instant is an ISO 8601 UTC string: each person's page shows it in their own time zone.
 */
export interface OccurrenceView {
  sessionId: string;
  title: string | null;
  start: string;
  end: string;
  /** The room opens this early (settings.openMinutesBefore). */
  opensAt: string;
}

export interface ScheduleView {
  /** The zone the sessions are written in. */
  timeZone: string;
  /** False: no sessions, the room is always open. */
  scheduled: boolean;
  open: boolean;
  current: OccurrenceView | null;
  next: OccurrenceView | null;
  /** The next 10 occurrences (the current one first). */
  upcoming: OccurrenceView[];
}

/** Everything a teacher sets (the presentation has its own field). */
export type TeacherClassroomSettings = Omit<ClassroomSettings, 'presentation'>;
/** What a learner's page needs. */
export type LearnerClassroomSettings = Pick<ClassroomSettings, 'welcomeMessage' | 'timeZone' | 'recordingAllowed' | 'waitForModerator'>;

export interface PresentationView {
  fileName: string;
  mime: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface ClassroomResponse {
  id: string;
  title: string;
  description: string;
  gradable: boolean;
  scoreMaximum: number | null;
  /** Teachers (instructor role) get every setting; learners what their page needs. */
  settings: TeacherClassroomSettings | LearnerClassroomSettings;
  schedule: ScheduleView;
  /** Teachers only (null for learners and when there is none). */
  presentation: PresentationView | null;
  /** Largest presentation accepted, in bytes. */
  maxPresentationBytes: number;
  canEdit: boolean;
}

export type UpdateClassroomBody = Partial<Omit<TeacherClassroomSettings, 'sessions'>> & {
  title?: string;
  description?: string;
  sessions?: ClassroomSettings['sessions'];
};
