import type { AppContext } from '../app-context.js';
import { loadResource } from '../content/resource.service.js';
import type { ResourceRow } from '../content/resource.table.js';
import { AppError } from '../http/errors.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { getRoster } from '../roster/roster.service.js';
import { lineItemDetails } from './line-item-details.js';
import { findLinkLineItemUrl, findLinkResourceId, findResourceLineItem, listLastScores, type LastScoreRow } from './gradebook.repository.js';
import type { GradebookResponse, ScoreResponse } from './grades.view.js';
import { requeueFailed } from './score-outbox.repository.js';
import { toScoreResponse } from './score-view.js';
import { recordScore } from './score.service.js';

/**
 * The teacher's side of grades: a resource's gradebook, a grade given by hand, failed deliveries
 * sent again. Only for a resource of the session's platform and course.
 */
export async function findCourseResource(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<ResourceRow> {
  const resource = await loadResource(ctx, session, resourceId);
  if (resource.context_id !== session.context?.id) throw new AppError('grades-other-course', 403, { resourceId });
  return resource;
}

/** The course's learners (roster, refreshed when stale) and anyone who has a score, each with their latest score. */
export async function getGradebook(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<GradebookResponse> {
  const resource = await findCourseResource(ctx, session, resourceId);
  const linkId = session.resourceLink?.id ?? null;
  const [roster, scores, lineItem, announced] = await Promise.all([
    getRoster(ctx, resource.context_id, { refresh: 'if-stale' }),
    listLastScores(ctx.db, session.platform.id, resource.id),
    findResourceLineItem(ctx.db, session.platform.id, resource.id, linkId),
    linkId ? findLinkLineItemUrl(ctx.db, linkId) : null,
  ]);
  const activityLinkId = linkId && announced ? await gradebookLinkFor(ctx, session, resource.id) : null;
  const column = await lineItemDetails(ctx, session, resource, lineItem, announced ? { url: announced, activityLinkId } : null);
  const byUser = new Map<string, LastScoreRow>(scores.map((s) => [s.user_id, s]));
  const learners: GradebookResponse['learners'] = [];
  for (const member of roster.members) {
    // Someone who never opened Amphi has no user here yet: nothing to grade them with.
    if (member.role !== 'learner' || member.userId === null) continue;
    learners.push({ userId: member.userId, name: member.name, email: member.email, lastScore: lastScore(byUser.get(member.userId)) });
    byUser.delete(member.userId);
  }
  // Scored, then gone from the roster (or not a learner any more): their grades still matter.
  for (const s of byUser.values()) learners.push({ userId: s.user_id, name: s.user_name, email: s.user_email, lastScore: toScoreResponse(s) });
  const counts = { sent: 0, pending: 0, failed: 0 };
  for (const l of learners) if (l.lastScore) counts[l.lastScore.state]++;
  return {
    resource: { id: resource.id, title: resource.title, gradable: resource.gradable, scoreMaximum: resource.score_maximum },
    // A column the launch announced exists at the platform even before Amphi sent it a score.
    lineItem: column,
    roster: { status: roster.status, fetchedAt: roster.fetchedAt?.toISOString() ?? null, error: roster.error },
    learners,
    counts,
  };
}

/**
 * The session's activity when it shows this resource: its gradebook column. Null otherwise (the
 * resource's own line item): a launch of activity A must never write A's column for resource B.
 */
export async function gradebookLinkFor(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<string | null> {
  return gradebookLinkOf(ctx, session.resourceLink?.id ?? null, resourceId);
}

/** The same rule for an activity recorded earlier (a classroom's join): its column only while it shows this resource. */
export async function gradebookLinkOf(ctx: AppContext, resourceLinkId: string | null, resourceId: string): Promise<string | null> {
  return resourceLinkId && (await findLinkResourceId(ctx.db, resourceLinkId)) === resourceId ? resourceLinkId : null;
}

/** A grade the teacher gives one learner: into the outbox like any other score. */
export async function giveScore(ctx: AppContext, session: LaunchSession, resourceId: string, body: { userId: string; scoreGiven: number; comment?: string }): Promise<ScoreResponse> {
  const resource = await findCourseResource(ctx, session, resourceId);
  const resourceLinkId = await gradebookLinkFor(ctx, session, resource.id);
  const row = await recordScore(ctx, {
    platformId: session.platform.id,
    resourceId: resource.id,
    resourceLinkId,
    userId: body.userId,
    scoreGiven: body.scoreGiven,
    comment: body.comment ?? null,
  });
  return toScoreResponse(row);
}

/** Failed deliveries of the resource (all learners, or one) queued again. */
export async function retryFailedScores(ctx: AppContext, session: LaunchSession, resourceId: string, userId?: string): Promise<{ requeued: number }> {
  const resource = await findCourseResource(ctx, session, resourceId);
  const requeued = await requeueFailed(ctx.db, { platformId: session.platform.id, resourceId: resource.id, userId });
  if (requeued > 0) ctx.scoreDelivery.wake();
  return { requeued };
}

function lastScore(row: LastScoreRow | undefined): ScoreResponse | null {
  return row ? toScoreResponse(row) : null;
}
