import type { AppContext } from '../../app-context.js';
import { gradebookLinkFor } from '../../grades/grades.service.js';
import { recordScore } from '../../grades/score.service.js';
import { AppError, BadRequestError } from '../../http/errors.js';
import { findStoredStatementIds, recordPageStatements } from '../../lrs/lrs.service.js';
import { resourceActivityId } from '../../lrs/traces/launch-trace.service.js';
import { ltiActor } from '../../lrs/xapi/lti-actor.js';
import type { LrsIdentity } from '../../lti/platforms/platform.table.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { getVideoFacts } from '../video.service.js';
import { checkBatch, namesCaptions } from './statement-batch.js';
import { toXapiStatement, type StatementEnvironment } from './stored-statement.js';
import type { VideoStatement } from './video-profile.js';
import { lockVideoView, lockWatchBudget, releaseScoreClaim, saveVideoView, saveWatchBudget, toVideoProgress, type VideoProgress, type VideoViewKey } from './video-progress.repository.js';
import { applyStatements, scoreToSend, type VideoFactsForView, type VideoViewState } from './video-view.js';
import { spendBudget, watchBudget } from './watch-budget.js';

// The video profile's statements as they are stored here, and the played-segments arithmetic
// progress is computed with: the demo course writes a term of viewing the same way.
export { toXapiStatement } from './stored-statement.js';
export { formatPlayedSegments, mergeSegments, watchedShare, type Segment } from './played-segments.js';
export { secondsToDuration } from './result-duration.js';
export { ext, type VideoStatement, type VideoVerb } from './video-profile.js';
export type { VideoViewState } from './video-view.js';

export interface RecordedVideoStatements {
  stored: number;
  progress: VideoProgress;
}

/**
 * The player's statements for one video: checked against the video profile and the media's
 * duration (all or none: a refused statement refuses the batch, saying which and why); the
 * person's view is credited with what they could have watched since their budget (one for all
 * their videos) started (watch-budget.ts) and, for a learner of a graded video, the credited
 * share goes to the gradebook; the statements are stored in Amphi's LRS as a page's (no
 * `define`), completed with what only the server knows and saying what was credited
 * (stored-statement.ts). A `completed` statement is stored only when the view is completed by
 * what was credited: an uncredited claim of completion is not a fact the LRS should hold.
 */
export async function recordVideoStatements(ctx: AppContext, session: LaunchSession, resourceId: string, raw: readonly unknown[]): Promise<RecordedVideoStatements> {
  const facts = await getVideoFacts(ctx, session, resourceId);
  if (!session.user) throw new BadRequestError('tracking-needs-user', 422);
  const statements = checkBatch(raw, Date.now(), facts.durationSeconds, raw.some(namesCaptions) ? await facts.captionLangs() : undefined);
  const platform = await ctx.platforms.findById(session.platform.id);
  if (!platform) throw new AppError('resource-not-found', 404, { resourceId });

  const key: VideoViewKey = { platformId: session.platform.id, resourceId, userId: session.user.id };
  // Staff watching (preview, checking) leave traces but no grade.
  const graded = facts.resource.gradable && session.role === 'learner' && session.resourceLink !== null;
  const outcome = await updateView(ctx, key, session, statements, facts, graded ? facts.resource.score_maximum : null);
  const { view } = outcome;

  const env = statementEnvironment(ctx, session, platform, resourceId, facts, view);
  let stored: number;
  try {
    stored = await storeStatements(ctx, session.platform.id, statements, env);
  } catch (err) {
    // Nothing stored, nothing sent: the page sends the batch again and the score is claimed again.
    if (outcome.score !== null) await releaseScoreClaim(ctx.db, key, outcome.score, outcome.previousBest);
    throw err;
  }
  if (outcome.score !== null) {
    const resourceLinkId = await gradebookLinkFor(ctx, session, resourceId);
    await sendScore(ctx, key, resourceLinkId, outcome.score, outcome.previousBest, view.completedAt !== null);
  }
  return { stored, progress: toVideoProgress({ position_seconds: view.positionSeconds, watched_share: view.watchedShare, completed_at: view.completedAt, played_segments: view.segments }) };
}

/**
 * The person's view after the batch, and the score to send if any. Under two locks, in this
 * order: the person's watching budget (one for all their videos and tabs: one session cannot be
 * paid on every video of the course at once), then this video's view. The score is claimed
 * (best_score_sent) in the same transaction: a concurrent request of the same person (beacon and
 * fetch) sees the claim and does not send the same score again.
 */
async function updateView(ctx: AppContext, key: VideoViewKey, session: LaunchSession, statements: VideoStatement[], facts: VideoFactsForView, scoreMaximum: number | null) {
  const maxRate = ctx.config.video.maxPlaybackRate;
  return ctx.db.transaction().execute(async (trx) => {
    const { now, ...clock } = await lockWatchBudget(trx, key);
    const row = await lockVideoView(trx, key);
    const before: VideoViewState = {
      segments: row.played_segments,
      positionSeconds: row.position_seconds,
      positionAt: row.position_at,
      watchedShare: row.watched_share,
      completedAt: row.completed_at,
      lastSessionId: row.last_session_id,
    };
    const budget = watchBudget(clock, session, now, maxRate);
    const { view, creditedSeconds } = applyStatements(before, statements, facts, now, budget.seconds);
    const justCompleted = !row.completed_at && view.completedAt !== null;
    const score = scoreMaximum ? scoreToSend({ share: view.watchedShare, scoreMaximum, bestScoreSent: row.best_score_sent, justCompleted }) : null;
    await saveWatchBudget(trx, key, spendBudget(budget, creditedSeconds, maxRate));
    await saveVideoView(trx, key, view, score ?? row.best_score_sent);
    return { view, score, previousBest: row.best_score_sent };
  });
}

/** What the stored statements take from the server: who, what, where, and what was credited. */
function statementEnvironment(
  ctx: AppContext,
  session: LaunchSession,
  platform: { issuer: string; lrs_identity: LrsIdentity },
  resourceId: string,
  facts: VideoFactsForView & { title: string },
  view: VideoViewState,
): StatementEnvironment {
  const publicUrl = ctx.config.http.publicUrl;
  return {
    actor: ltiActor({ issuer: platform.issuer, lrsIdentity: platform.lrs_identity }, session.user!),
    session,
    publicUrl,
    objectId: resourceActivityId(publicUrl, resourceId),
    title: facts.title,
    durationSeconds: facts.durationSeconds,
    completionThreshold: facts.completionThreshold,
    credited: view.segments,
    viewCompleted: view.completedAt !== null,
  };
}

/**
 * Stores the batch's statements not stored yet: a resent batch (network retry, beacon after
 * fetch, a reopened tab) may hold statements stored already, built then with another title or
 * language; they are stored once, never a 409 that would make the page drop the rest of its backlog.
 */
async function storeStatements(ctx: AppContext, platformId: string, statements: VideoStatement[], env: StatementEnvironment): Promise<number> {
  const store = async () => {
    const already = await findStoredStatementIds(ctx, platformId, statements.map((s) => s.id));
    const built = statements.filter((s) => !already.has(s.id) && (s.verb !== 'completed' || env.viewCompleted)).map((s) => toXapiStatement(s, env));
    if (built.length) await recordPageStatements(ctx, platformId, built);
    return built.length;
  };
  try {
    return await store();
  } catch (err) {
    // A concurrent request of the same person (beacon and fetch) stored the same statement first,
    // saying what had been credited then: theirs stands, the rest of this batch is stored.
    if (!(err instanceof AppError && err.status === 409)) throw err;
    return store();
  }
}

/**
 * The learner's grade, through the score outbox. The gradebook may refuse (no grade service in
 * the course, not a learner of it): the statements are kept, the claim is given back, the reason
 * is logged; the learner's page is not the place for the course's grade settings.
 */
async function sendScore(ctx: AppContext, key: VideoViewKey, resourceLinkId: string | null, score: number, previousBest: number | null, completed: boolean): Promise<void> {
  try {
    await recordScore(ctx, {
      platformId: key.platformId,
      resourceId: key.resourceId,
      resourceLinkId,
      userId: key.userId,
      scoreGiven: score,
      activityProgress: completed ? 'Completed' : 'InProgress',
      gradingProgress: 'FullyGraded',
    });
  } catch (err) {
    // Whatever went wrong, the claim is given back: a later batch sends the score again.
    await releaseScoreClaim(ctx.db, key, score, previousBest);
    if (!(err instanceof AppError)) throw err;
    ctx.logger.warn({ resourceId: key.resourceId, userId: key.userId, code: err.code, params: err.params }, 'video grade not recorded');
  }
}
