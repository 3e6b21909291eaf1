import type { AppContext } from '../app-context.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import type { GradesResponse } from './analytics.view.js';
import { inScope, resolveScope } from './analytics-scope.js';
import { latestGradeShares } from './classroom-analytics.repository.js';
import { gradeDistribution } from './indicators/grade-distribution.js';
import { LearnerDirectory } from './learner-directory.js';

/**
 * Grades (docs/indicators.md, "Grades"): each learner's latest score in each graded activity of
 * the scope (what Amphi sent to the gradebook), as a share of its maximum; per activity and, for
 * the course, each learner's mean share over the activities they have a grade in.
 */
export async function getGrades(ctx: AppContext, session: LaunchSession, dashboardId?: string): Promise<GradesResponse> {
  const scope = await resolveScope(ctx, session, dashboardId, 'instructor');
  const graded = scope.resources.filter((r) => r.gradable && inScope(scope, r.id));
  const [directory, shares] = await Promise.all([LearnerDirectory.load(ctx, scope.contextId), latestGradeShares(ctx.db, scope.platformId, graded.map((r) => r.id))]);
  const learnerShares = shares.filter((s) => directory.isLearner(`sub:${s.sub}`));
  const perLearner = new Map<string, number[]>();
  for (const s of learnerShares) (perLearner.get(s.sub) ?? perLearner.set(s.sub, []).get(s.sub)!).push(s.share);
  const means = [...perLearner.values()].map((list) => list.reduce((a, b) => a + b, 0) / list.length);
  return {
    course: gradeDistribution(means),
    resources: graded.map((r) => ({ resourceId: r.id, title: r.title, ...gradeDistribution(learnerShares.filter((s) => s.resource_id === r.id).map((s) => s.share)) })),
  };
}
