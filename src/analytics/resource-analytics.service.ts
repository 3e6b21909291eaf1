import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { objectDailyTotals, videoDurations, videoViews } from './analytics.repository.js';
import type { DateRange, ResourceAnalyticsResponse, VideoAnalyticsResponse } from './analytics.view.js';
import { resolveScope } from './analytics-scope.js';
import { getClassroomAnalytics } from './classroom-analytics.service.js';
import { everyDay } from './indicators/calendar-days.js';
import { retentionCurve } from './indicators/retention.js';
import { LearnerDirectory } from './learner-directory.js';

/** A resource's Analytics tab: a video's or a classroom's indicators (docs/indicators.md). */
export async function getResourceAnalytics(ctx: AppContext, session: LaunchSession, resourceId: string, range: DateRange): Promise<ResourceAnalyticsResponse> {
  const scope = await resolveScope(ctx, session, undefined, 'instructor');
  const resource = scope.resources.find((r) => r.id === resourceId);
  if (!resource) throw new AppError('analytics-unknown-resource', 404, { resourceId });
  const directory = await LearnerDirectory.load(ctx, scope.contextId);
  if (resource.kind === 'classroom') return getClassroomAnalytics(ctx, scope, directory, resource.id, range);
  if (resource.kind !== 'video') throw new AppError('analytics-no-analytics', 400, { resourceId, kind: resource.kind });
  return videoAnalytics(ctx, scope.platformId, scope.contextId, directory, resource.id, range);
}

async function videoAnalytics(ctx: AppContext, platformId: string, contextId: string, directory: LearnerDirectory, resourceId: string, range: DateRange): Promise<VideoAnalyticsResponse> {
  const [views, durations, daily] = await Promise.all([
    videoViews(ctx.db, platformId, [resourceId]),
    videoDurations(ctx.db, [resourceId]),
    objectDailyTotals(ctx.db, contextId, resourceId, range.from, range.to, directory.keyMap().excluded),
  ]);
  const learnerViews = views.filter((v) => directory.isLearner(`sub:${v.sub}`));
  const duration = durations.get(resourceId) ?? null;
  const viewsPerDay = new Map<string, number>();
  let viewCount = 0;
  let downloads = 0;
  for (const d of daily) {
    if (d.action === 'viewed') {
      viewCount += d.count;
      viewsPerDay.set(d.day, (viewsPerDay.get(d.day) ?? 0) + d.count);
    } else if (d.action === 'downloaded') downloads += d.count;
  }
  const completions = learnerViews.filter((v) => v.completed).length;
  return {
    kind: 'video',
    resourceId,
    range,
    durationSeconds: duration,
    views: viewCount,
    uniqueViewers: learnerViews.length,
    completions,
    completionRate: learnerViews.length ? round(completions / learnerViews.length) : 0,
    averageWatchedShare: learnerViews.length ? round(learnerViews.reduce((a, v) => a + v.watched_share, 0) / learnerViews.length) : 0,
    downloads,
    dailyViews: everyDay(range.from, range.to, viewsPerDay),
    retention: duration ? retentionCurve(learnerViews.map((v) => v.played_segments), duration) : [],
    learners: learnerViews
      .map((v) => ({ learner: directory.ref(`sub:${v.sub}`), watchedShare: round(v.watched_share), completed: v.completed, lastViewed: v.updated_at.toISOString() }))
      .sort((a, b) => b.watchedShare - a.watchedShare),
    rosterSize: directory.rosterLearnerKeys().length,
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
