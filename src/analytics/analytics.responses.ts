import { z } from 'zod';
import type {
  CohortResponse,
  CourseOverviewResponse,
  GradesResponse,
  LearnerAnalyticsResponse,
  ResourceAnalyticsResponse,
  RiskResponse,
} from './analytics.view.js';

/**
 * Wire schemas of the analytics API (analytics.view.ts), for the API description (src/openapi).
 * The type checks at the end make tsc refuse an answer this description does not follow.
 */

const DateRange = z.object({ from: z.string(), to: z.string() });
const DayCount = z.object({ day: z.string(), count: z.number() });
const LearnerRef = z.object({ id: z.string(), name: z.string().nullable(), inRoster: z.boolean() });
const CohortStatus = z.enum(['ok', 'cohort-too-small', 'too-few-actions']);
const Quartile = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const GradeBin = z.object({ from: z.number(), to: z.number(), count: z.number() });

export const CourseOverviewResponseSchema = z.object({
  range: DateRange,
  scope: z.object({ kind: z.enum(['course', 'resources']), resourceIds: z.array(z.string()) }),
  rosterSize: z.number(),
  activeLearnersPerDay: z.array(DayCount),
  actionsPerDay: z.array(DayCount),
  activeLearners: z.number(),
  resources: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['video', 'classroom', 'dashboard', 'external']),
      title: z.string(),
      learners: z.number(),
      actions: z.number(),
      lastActivity: z.string().nullable(),
    }),
  ),
  neverOpenedResourceIds: z.array(z.string()),
  learners: z.array(z.object({ learner: LearnerRef, actions: z.number(), activeDays: z.number(), resourcesOpened: z.number(), lastActivity: z.string().nullable() })),
  neverActive: z.array(LearnerRef),
});

export const CohortResponseSchema = z.object({
  window: DateRange.extend({ days: z.number() }),
  status: CohortStatus,
  cohortSize: z.number(),
  activeActions: z.array(z.object({ objectId: z.string(), objectTitle: z.string(), action: z.string(), learners: z.number(), rate: z.number() })),
  learners: z.array(z.object({ learner: LearnerRef, score: z.number(), rank: z.number(), quartile: Quartile, actionsDone: z.number(), actionsMissed: z.number() })),
  thresholds: z.object({ minRate: z.number(), minLearners: z.number(), minCohort: z.number(), minActions: z.number() }),
});

export const RiskResponseSchema = z.object({
  asOf: z.string(),
  learners: z.array(
    z.object({
      learner: LearnerRef,
      score: z.number(),
      level: z.enum(['high', 'medium', 'low']),
      neverActive: z.boolean(),
      lastActivity: z.string().nullable(),
      reasons: z.array(
        z.object({
          code: z.enum(['never-active', 'inactive-days', 'activity-drop', 'missed-actions', 'low-completion', 'low-grades']),
          points: z.number(),
          params: z.record(z.string(), z.number()),
          text: z.string(),
        }),
      ),
    }),
  ),
});

export const GradesResponseSchema = z.object({
  course: z.object({ graded: z.number(), mean: z.number().nullable(), median: z.number().nullable(), distribution: z.array(GradeBin) }),
  resources: z.array(
    z.object({ resourceId: z.string(), title: z.string(), graded: z.number(), mean: z.number().nullable(), median: z.number().nullable(), distribution: z.array(GradeBin) }),
  ),
});

const VideoAnalytics = z.object({
  kind: z.literal('video'),
  resourceId: z.string(),
  range: DateRange,
  durationSeconds: z.number().nullable(),
  views: z.number(),
  uniqueViewers: z.number(),
  completions: z.number(),
  completionRate: z.number(),
  averageWatchedShare: z.number(),
  downloads: z.number(),
  dailyViews: z.array(DayCount),
  retention: z.array(z.object({ startSeconds: z.number(), endSeconds: z.number(), share: z.number() })),
  learners: z.array(z.object({ learner: LearnerRef, watchedShare: z.number(), completed: z.boolean(), lastViewed: z.string().nullable() })),
  rosterSize: z.number(),
});

const ClassroomCounts = { talkMinutes: z.number(), chats: z.number(), raisedHands: z.number(), pollVotes: z.number() };
const ClassroomAnalytics = z.object({
  kind: z.literal('classroom'),
  resourceId: z.string(),
  range: DateRange,
  sessions: z.array(
    z.object({ meetingId: z.string(), startedAt: z.string(), endedAt: z.string().nullable(), present: z.number(), absent: z.number(), minutesAttended: z.number(), ...ClassroomCounts }),
  ),
  learners: z.array(z.object({ learner: LearnerRef, sessionsAttended: z.number(), minutesAttended: z.number(), ...ClassroomCounts, recordingsWatched: z.number() })),
  recordings: z.array(z.object({ resourceId: z.string(), title: z.string(), viewers: z.number() })),
  rosterSize: z.number(),
});

export const ResourceAnalyticsResponseSchema = z.discriminatedUnion('kind', [VideoAnalytics, ClassroomAnalytics]);

export const LearnerAnalyticsResponseSchema = z.object({
  range: DateRange,
  actionsPerDay: z.array(DayCount),
  activeDays: z.number(),
  resources: z.array(
    z.object({
      resourceId: z.string(),
      kind: z.enum(['video', 'classroom']),
      title: z.string(),
      progress: z.number(),
      completed: z.boolean(),
      lastActivity: z.string().nullable(),
    }),
  ),
  cohort: z.object({ quartile: Quartile.nullable(), cohortSize: z.number(), status: CohortStatus, windowDays: z.number() }),
});

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type CourseOverviewResponseFits = Fits<CourseOverviewResponse, z.input<typeof CourseOverviewResponseSchema>>;
export type CohortResponseFits = Fits<CohortResponse, z.input<typeof CohortResponseSchema>>;
export type RiskResponseFits = Fits<RiskResponse, z.input<typeof RiskResponseSchema>>;
export type GradesResponseFits = Fits<GradesResponse, z.input<typeof GradesResponseSchema>>;
export type ResourceAnalyticsResponseFits = Fits<ResourceAnalyticsResponse, z.input<typeof ResourceAnalyticsResponseSchema>>;
export type LearnerAnalyticsResponseFits = Fits<LearnerAnalyticsResponse, z.input<typeof LearnerAnalyticsResponseSchema>>;
