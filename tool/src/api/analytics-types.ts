/**
 * The analytics API's wire types (issue 14), the server's own imported as types only: a change
 * on the server that the front end does not follow fails `npm run typecheck`.
 */
export type {
  ClassroomAnalyticsResponse,
  ClassroomLearnerRow,
  ClassroomSessionRow,
  CohortAction,
  CohortLearner,
  CohortResponse,
  CohortStatus,
  CourseOverviewResponse,
  CourseResourceUse,
  DateRange,
  DayCount,
  GradeBin,
  GradesResponse,
  LearnerActivity,
  LearnerAnalyticsResponse,
  LearnerRef,
  LearnerResourceProgress,
  ResourceAnalyticsResponse,
  ResourceGrades,
  RiskLearner,
  RiskLevel,
  RiskReason,
  RiskResponse,
  VideoAnalyticsResponse,
  VideoLearnerRow,
} from '../../../src/analytics/analytics.view.js';
