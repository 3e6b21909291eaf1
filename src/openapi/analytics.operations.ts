import {
  CohortResponseSchema,
  CourseOverviewResponseSchema,
  GradesResponseSchema,
  LearnerAnalyticsResponseSchema,
  ResourceAnalyticsResponseSchema,
  RiskResponseSchema,
} from '../analytics/analytics.responses.js';
import { CohortQuery, CourseOverviewQuery, GradesQuery, LearnerQuery, ResourceAnalyticsQuery, RiskQuery } from '../analytics/analytics.schemas.js';
import { sessionAuth, type Operation } from './operation.js';

const instructor = sessionAuth('instructor');
const DAYS = 'Days are YYYY-MM-DD (UTC), a range is inclusive and at most 366 days; without one, the last 30 days. `dashboard` applies a dashboard resource’s audience and scope.';

/** Learning analytics: teachers' views of the course and a learner's view of their own. */
export const analyticsOperations: Operation[] = [
  { method: 'get', path: '/api/analytics/course', operationId: 'getCourseOverview', errors: [404], summary: 'Course activity: learners and actions per day, resources, learners', description: DAYS, tags: ['analytics'], auth: instructor, request: CourseOverviewQuery, responses: { 200: { description: 'The overview', schema: CourseOverviewResponseSchema } } },
  { method: 'get', path: '/api/analytics/course/cohort', operationId: 'getCohort', errors: [404], summary: 'Each learner’s place among the cohort (active actions done)', description: DAYS, tags: ['analytics'], auth: instructor, request: CohortQuery, responses: { 200: { description: 'The cohort', schema: CohortResponseSchema } } },
  { method: 'get', path: '/api/analytics/course/risk', operationId: 'getRisk', errors: [404], summary: 'Learners at risk of dropping out, with reasons', description: DAYS, tags: ['analytics'], auth: instructor, request: RiskQuery, responses: { 200: { description: 'Learners by risk', schema: RiskResponseSchema } } },
  { method: 'get', path: '/api/analytics/course/grades', operationId: 'getGradeAnalytics', errors: [404], summary: 'Grade distributions of the course and of each graded activity', tags: ['analytics'], auth: instructor, request: GradesQuery, responses: { 200: { description: 'Distributions', schema: GradesResponseSchema } } },
  { method: 'get', path: '/api/analytics/resources/{resourceId}', operationId: 'getResourceAnalytics', summary: 'One video’s or classroom’s use', description: DAYS, tags: ['analytics'], auth: instructor, request: ResourceAnalyticsQuery, responses: { 200: { description: 'Video or classroom analytics', schema: ResourceAnalyticsResponseSchema } } },
  { method: 'get', path: '/api/analytics/me', operationId: 'getMyAnalytics', errors: [404], summary: 'The session’s own activity and progress', description: DAYS, tags: ['analytics'], auth: sessionAuth(), request: LearnerQuery, responses: { 200: { description: 'Their analytics', schema: LearnerAnalyticsResponseSchema } } },
];
