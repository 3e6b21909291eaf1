import crypto from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { AppError, BadRequestError, ConflictError } from '../http/errors.js';
import { findCourseMember } from '../roster/roster.service.js';
import { AGS_SCOPE, type ActivityProgress, type GradingProgress } from './ags.client.js';
import type { GradeScoreRow } from './grades.table.js';
import { findScoreTarget, type ScoreTarget } from './line-item.repository.js';
import { countOutboxScores, insertScore } from './score-outbox.repository.js';

export interface RecordScoreInput {
  platformId: string;
  resourceId: string;
  /** lti_resource_links.id of the activity the learner worked in (the session's resourceLink.id): its gradebook column. */
  resourceLinkId?: string | null;
  /** lti_users.id of the learner. */
  userId: string;
  scoreGiven: number;
  /** Defaults to the resource's maximum. */
  scoreMaximum?: number;
  comment?: string | null;
  activityProgress?: ActivityProgress;
  gradingProgress?: GradingProgress;
  /** When the score was given (default now); the platform keeps the latest by this time. */
  timestamp?: Date;
}

/**
 * Records a learner's score for a graded resource and hands it to the delivery worker (the
 * outbox: stored first, sent to the platform's gradebook after, with retries). What the video and
 * classroom modules call. Refused with an AppError: a resource of another platform or not graded,
 * a score outside 0…maximum, an activity of another platform or course, someone who is not a
 * learner of the course, a course whose platform does not let Amphi publish scores.
 */
export async function recordScore(ctx: AppContext, input: RecordScoreInput): Promise<GradeScoreRow> {
  const resourceLinkId = input.resourceLinkId ?? null;
  // The resource is read with its course and line item (one query): only this platform's.
  const target = await findScoreTarget(ctx.db, { platformId: input.platformId, resourceId: input.resourceId, resourceLinkId });
  if (!target) throw new AppError('resource-not-found', 404, { resourceId: input.resourceId });
  if (!target.gradable) throw new BadRequestError('resource-not-gradable', 422, { title: target.title });
  const scoreMaximum = input.scoreMaximum ?? target.score_maximum;
  if (scoreMaximum === null || !Number.isFinite(scoreMaximum) || scoreMaximum <= 0) throw new BadRequestError('score-maximum-required', 422);
  if (!Number.isFinite(input.scoreGiven) || input.scoreGiven < 0 || input.scoreGiven > scoreMaximum) {
    throw new BadRequestError('score-out-of-range', 422, { scoreGiven: input.scoreGiven, scoreMaximum });
  }
  if (resourceLinkId && (target.link_platform_id !== input.platformId || target.link_context_id !== target.context_id)) {
    throw new AppError('grade-link-mismatch', 403, { resourceLinkId });
  }
  const member = await findCourseMember(ctx, target.context_id, input.userId);
  if (!member || member.role !== 'learner') throw new BadRequestError('learner-not-in-course', 422, { userId: input.userId });
  checkGradeService(target);

  const row = await insertScore(ctx.db, {
    id: crypto.randomUUID(),
    platformId: input.platformId,
    resourceId: target.resource_id,
    resourceLinkId,
    userId: input.userId,
    scoreGiven: input.scoreGiven,
    scoreMaximum,
    comment: input.comment ?? null,
    activityProgress: input.activityProgress ?? 'Completed',
    gradingProgress: input.gradingProgress ?? 'FullyGraded',
    timestamp: input.timestamp ?? new Date(),
    lineItemId: target.link_line_item_id ?? (target.lineitem_url ? null : target.known_line_item_id),
    newLineItem:
      target.lineitem_url && !target.link_line_item_id ? { id: crypto.randomUUID(), contextId: target.context_id, url: target.lineitem_url } : null,
  });
  ctx.scoreDelivery.wake({ lineItemMissing: row.line_item_id === null });
  return row;
}

/** The outbox's backlog over every platform: scores waiting for delivery, and failed for good (metrics). */
export function scoreOutboxBacklog(ctx: Pick<AppContext, 'db'>): Promise<{ pending: number; failed: number }> {
  return countOutboxScores(ctx.db);
}

/**
 * The course's AGS claim must grant the score scope, and the score needs a line item: the
 * activity's, one Amphi knows, or the right to create one in the course's container (§3.1).
 */
function checkGradeService(target: ScoreTarget): void {
  const scopes = target.ags_scopes ?? [];
  const missing: string[] = [];
  if (!scopes.includes(AGS_SCOPE.score)) missing.push(AGS_SCOPE.score);
  const hasLineItem = target.link_line_item_id ?? target.lineitem_url ?? target.known_line_item_id;
  if (!hasLineItem && !(target.lineitems_url && scopes.includes(AGS_SCOPE.lineItem))) missing.push(target.lineitems_url ? AGS_SCOPE.lineItem : 'lineitems');
  if (missing.length) throw new ConflictError('grades-unavailable', 409, { missing: missing.join(', ') });
}
