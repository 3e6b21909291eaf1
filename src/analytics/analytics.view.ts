/**
 * Wire shapes of the analytics API (the front end imports these types). Every route is scoped
 * to the session's platform and course; dates are calendar days (YYYY-MM-DD, UTC) and a range
 * is inclusive, at most 366 days, `from` ≤ `to`. Without a range: the last 30 days to today.
 *
 * Teacher views (instructor role):
 * GET /api/analytics/course?from=&to=&dashboard=        → CourseOverviewResponse
 * GET /api/analytics/course/cohort?to=&window=&dashboard= → CohortResponse (TdBP position, window in days, default 15)
 * GET /api/analytics/course/risk?to=&dashboard=          → RiskResponse
 * GET /api/analytics/course/grades?dashboard=            → GradesResponse
 * GET /api/analytics/resources/:resourceId?from=&to=     → VideoAnalyticsResponse | ClassroomAnalyticsResponse
 *
 * Learner view (any role, about the session's own user only):
 * GET /api/analytics/me?from=&to=&dashboard=             → LearnerAnalyticsResponse
 *
 * `dashboard` (optional) is a dashboard resource of the course: its settings give the audience
 * (a learner asking for a teachers-only dashboard gets 403 `dashboard-for-instructors`) and the
 * scope (the whole course or its chosen resources).
 */

export interface DateRange {
  from: string;
  to: string;
}

/** One person of the course as the teacher views show them. `id` is the LTI `sub`, or the actor key of an unknown learner. */
export interface LearnerRef {
  id: string;
  name: string | null;
  /** False for someone seen only in traces (not in the roster, never launched Amphi). */
  inRoster: boolean;
}

export interface DayCount {
  day: string;
  count: number;
}

export interface CourseOverviewResponse {
  range: DateRange;
  scope: { kind: 'course' | 'resources'; resourceIds: string[] };
  rosterSize: number;
  /** Learners with at least one trace in the range, per day (every day of the range, zeros included). */
  activeLearnersPerDay: DayCount[];
  /** Statements per day counted in the range. */
  actionsPerDay: DayCount[];
  activeLearners: number;
  resources: CourseResourceUse[];
  /** Resources of the course nobody opened in the range. */
  neverOpenedResourceIds: string[];
  learners: LearnerActivity[];
  /** Roster learners with no trace at all (ever), not only in the range. */
  neverActive: LearnerRef[];
}

export interface CourseResourceUse {
  id: string;
  /** Amphi resources have a kind; other activities (Moodle's own, seen through logstore_xapi) are 'external'. */
  kind: 'video' | 'classroom' | 'dashboard' | 'external';
  title: string;
  learners: number;
  actions: number;
  lastActivity: string | null;
}

export interface LearnerActivity {
  learner: LearnerRef;
  actions: number;
  activeDays: number;
  resourcesOpened: number;
  lastActivity: string | null;
}

export type CohortStatus = 'ok' | 'cohort-too-small' | 'too-few-actions';

export interface CohortAction {
  /** The resource or activity id and the action name (opened, viewed, completed, joined…). */
  objectId: string;
  objectTitle: string;
  action: string;
  learners: number;
  /** learners / cohort size, 0..1 */
  rate: number;
}

export interface CohortLearner {
  learner: LearnerRef;
  score: number;
  /** 1 = best; ties share a rank. */
  rank: number;
  /** 1 (top quarter) … 4 (bottom quarter). */
  quartile: 1 | 2 | 3 | 4;
  actionsDone: number;
  actionsMissed: number;
}

export interface CohortResponse {
  window: DateRange & { days: number };
  status: CohortStatus;
  cohortSize: number;
  activeActions: CohortAction[];
  learners: CohortLearner[];
  /** Thresholds used: share of the cohort and minimum learners for an action to be active. */
  thresholds: { minRate: number; minLearners: number; minCohort: number; minActions: number };
}

export type RiskLevel = 'high' | 'medium' | 'low';
export type RiskReasonCode = 'never-active' | 'inactive-days' | 'activity-drop' | 'missed-actions' | 'low-completion' | 'low-grades';

export interface RiskReason {
  code: RiskReasonCode;
  /** The points this reason adds to the score. */
  points: number;
  /** The facts behind it (days, percentages…), for the words the page shows. */
  params: Record<string, number>;
  /** The reason in words, in the session's language. */
  text: string;
}

export interface RiskLearner {
  learner: LearnerRef;
  score: number;
  level: RiskLevel;
  neverActive: boolean;
  lastActivity: string | null;
  reasons: RiskReason[];
}

export interface RiskResponse {
  asOf: string;
  learners: RiskLearner[];
}

export interface GradeBin {
  /** Lower bound of the bin, as a share 0..1 of the maximum (bins of 0.1; the last holds 1.0). */
  from: number;
  to: number;
  count: number;
}

export interface ResourceGrades {
  resourceId: string;
  title: string;
  graded: number;
  mean: number | null;
  median: number | null;
  distribution: GradeBin[];
}

export interface GradesResponse {
  /** Each learner's mean share over the graded activities. */
  course: { graded: number; mean: number | null; median: number | null; distribution: GradeBin[] };
  resources: ResourceGrades[];
}

export interface VideoLearnerRow {
  learner: LearnerRef;
  watchedShare: number;
  completed: boolean;
  lastViewed: string | null;
}

export interface VideoAnalyticsResponse {
  kind: 'video';
  resourceId: string;
  range: DateRange;
  durationSeconds: number | null;
  views: number;
  uniqueViewers: number;
  completions: number;
  /** completions / unique viewers (all time), 0..1 */
  completionRate: number;
  averageWatchedShare: number;
  downloads: number;
  dailyViews: DayCount[];
  /** Share of viewers (0..1) who watched each slice of the timeline; 100 slices, or fewer for a short video. */
  retention: { startSeconds: number; endSeconds: number; share: number }[];
  learners: VideoLearnerRow[];
  rosterSize: number;
}

export interface ClassroomSessionRow {
  meetingId: string;
  startedAt: string;
  endedAt: string | null;
  present: number;
  absent: number;
  minutesAttended: number;
  talkMinutes: number;
  chats: number;
  raisedHands: number;
  pollVotes: number;
}

export interface ClassroomLearnerRow {
  learner: LearnerRef;
  sessionsAttended: number;
  minutesAttended: number;
  talkMinutes: number;
  chats: number;
  raisedHands: number;
  pollVotes: number;
  recordingsWatched: number;
}

export interface ClassroomAnalyticsResponse {
  kind: 'classroom';
  resourceId: string;
  range: DateRange;
  sessions: ClassroomSessionRow[];
  learners: ClassroomLearnerRow[];
  recordings: { resourceId: string; title: string; viewers: number }[];
  rosterSize: number;
}

export type ResourceAnalyticsResponse = VideoAnalyticsResponse | ClassroomAnalyticsResponse;

export interface LearnerResourceProgress {
  resourceId: string;
  kind: 'video' | 'classroom';
  title: string;
  /** Video: watched share 0..1; classroom: sessions attended / sessions held. */
  progress: number;
  completed: boolean;
  lastActivity: string | null;
}

export interface LearnerAnalyticsResponse {
  range: DateRange;
  actionsPerDay: DayCount[];
  activeDays: number;
  resources: LearnerResourceProgress[];
  /** Their place in the cohort (TdBP) over the window ending `range.to`; null when the cohort or its actions are too few, or they were not active in it. */
  cohort: { quartile: 1 | 2 | 3 | 4 | null; cohortSize: number; status: CohortStatus; windowDays: number };
}
