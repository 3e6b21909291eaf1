import type { AppContext } from '../../app-context.js';
import { gradebookLinkFor } from '../../grades/grades.service.js';
import { recordScore } from '../../grades/score.service.js';
import { AppError, BadRequestError } from '../../http/errors.js';
import { findStoredStatementIds, recordStatements } from '../../lrs/lrs.service.js';
import { courseActivityId, resourceActivityId } from '../../lrs/traces/launch-trace.js';
import { ltiActor } from '../../lrs/xapi/lti-actor.js';
import type { Statement } from '../../lrs/xapi/xapi.types.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { getVideoFacts } from '../video.service.js';
import { checkVideoStatement, VIDEO_ACTIVITY_TYPE, VIDEO_PROFILE_ID, VIDEO_VERB, type VideoStatement, type VideoVerb } from './video-profile.js';
import { lockVideoView, releaseScoreClaim, toVideoProgress, saveVideoView, type VideoProgress, type VideoViewKey } from './video-progress.repository.js';
import { applyStatements, scoreToSend, type VideoFactsForView, type VideoViewState } from './video-view.js';

/** A client clock a little ahead is normal; statements from further in the future are refused. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const DISPLAY: Record<VideoVerb, { 'en-US': string; 'fr-FR': string }> = {
  initialized: { 'en-US': 'initialized', 'fr-FR': 'a initialisé' },
  played: { 'en-US': 'played', 'fr-FR': 'a lu' },
  paused: { 'en-US': 'paused', 'fr-FR': 'a mis en pause' },
  seeked: { 'en-US': 'seeked', 'fr-FR': 'a déplacé la lecture' },
  completed: { 'en-US': 'completed', 'fr-FR': 'a terminé' },
  terminated: { 'en-US': 'terminated', 'fr-FR': 'a quitté' },
  interacted: { 'en-US': 'interacted', 'fr-FR': 'a interagi' },
};

export interface RecordedVideoStatements {
  stored: number;
  progress: VideoProgress;
}

/**
 * The player's statements for one video: checked against the video profile (all or none: a
 * refused statement refuses the batch, saying which and why), completed with what only the server
 * knows (actor, object, course, platform), stored in Amphi's LRS; then the person's view is
 * updated and, for a learner of a graded video, the watched share goes to the gradebook.
 */
export async function recordVideoStatements(ctx: AppContext, session: LaunchSession, resourceId: string, raw: readonly unknown[]): Promise<RecordedVideoStatements> {
  const facts = await getVideoFacts(ctx, session, resourceId);
  if (!session.user) throw new BadRequestError('tracking-needs-user', 422);
  const statements = checkBatch(raw, Date.now());
  const platform = await ctx.platforms.findById(session.platform.id);
  if (!platform) throw new AppError('resource-not-found', 404, { resourceId });

  const actor = ltiActor({ issuer: platform.issuer, lrsIdentity: platform.lrs_identity }, session.user);
  const publicUrl = ctx.config.http.publicUrl;
  // A resent batch (network retry, beacon after fetch, a reopened tab) may hold statements stored
  // already, built then with another title or language: stored once, never a 409 that would make
  // the page drop the rest of its backlog.
  const stored = await findStoredStatementIds(ctx, session.platform.id, statements.map((s) => s.id));
  const env = { actor, session, publicUrl, objectId: resourceActivityId(publicUrl, resourceId), title: facts.title, durationSeconds: facts.durationSeconds };
  const built = statements.filter((s) => !stored.has(s.id)).map((s) => toXapiStatement(s, env));
  if (built.length) await recordStatements(ctx, session.platform.id, built);

  const key: VideoViewKey = { platformId: session.platform.id, resourceId, userId: session.user.id };
  // Staff watching (preview, checking) leave traces but no grade.
  const graded = facts.resource.gradable && session.role === 'learner' && session.resourceLink !== null;
  const outcome = await updateView(ctx, key, statements, facts, graded ? facts.resource.score_maximum : null);
  if (outcome.score !== null) {
    const resourceLinkId = await gradebookLinkFor(ctx, session, resourceId);
    await sendScore(ctx, key, resourceLinkId, outcome.score, outcome.previousBest, outcome.view.completedAt !== null);
  }
  const { view } = outcome;
  return { stored: built.length, progress: toVideoProgress({ position_seconds: view.positionSeconds, watched_share: view.watchedShare, completed_at: view.completedAt }) };
}

/**
 * The person's view after the batch, under the row's lock, and the score to send if any. The
 * score is claimed (best_score_sent) in the same transaction: a concurrent request of the same
 * person (beacon and fetch) sees the claim and does not send the same score again.
 */
async function updateView(ctx: AppContext, key: VideoViewKey, statements: VideoStatement[], facts: VideoFactsForView, scoreMaximum: number | null) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockVideoView(trx, key);
    const before: VideoViewState = {
      segments: row.played_segments,
      positionSeconds: row.position_seconds,
      positionAt: row.position_at,
      watchedShare: row.watched_share,
      completedAt: row.completed_at,
      lastSessionId: row.last_session_id,
    };
    const view = applyStatements(before, statements, facts, new Date());
    const justCompleted = !row.completed_at && view.completedAt !== null;
    const score = scoreMaximum ? scoreToSend({ share: view.watchedShare, scoreMaximum, bestScoreSent: row.best_score_sent, justCompleted }) : null;
    await saveVideoView(trx, key, view, score ?? row.best_score_sent);
    return { view, score, previousBest: row.best_score_sent };
  });
}

/** Every statement checked; one refused refuses the batch. The same id twice (a resent statement) counts once. */
function checkBatch(raw: readonly unknown[], now: number): VideoStatement[] {
  const seen = new Set<string>();
  const statements: VideoStatement[] = [];
  raw.forEach((item, index) => {
    const check = checkVideoStatement(item);
    if (!check.ok) throw new BadRequestError('video-statement-refused', 400, { index, reason: check.reason });
    if (Date.parse(check.statement.timestamp) > now + MAX_CLOCK_SKEW_MS) {
      throw new BadRequestError('video-statement-refused', 400, { index, reason: 'timestamp: is in the future' });
    }
    if (seen.has(check.statement.id)) return;
    seen.add(check.statement.id);
    statements.push(check.statement);
  });
  return statements;
}

interface StatementEnvironment {
  actor: Statement['actor'];
  session: LaunchSession;
  publicUrl: string;
  objectId: string;
  title: string;
  /** The media's real duration: the profile's `length`, set by the server on every statement. */
  durationSeconds: number | null;
}

/** The stored statement: the client's verb, result, extensions and timestamp; the server's actor, object and context. */
export function toXapiStatement(s: VideoStatement, env: StatementEnvironment): Statement {
  const { session } = env;
  const clientCategories = (s.context.contextActivities?.category ?? []).filter((a) => a.id !== VIDEO_PROFILE_ID);
  const contextActivities: NonNullable<NonNullable<Statement['context']>['contextActivities']> = {
    category: [{ objectType: 'Activity', id: VIDEO_PROFILE_ID, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }, ...clientCategories.map(asActivity)],
  };
  if (s.context.contextActivities?.grouping?.length) contextActivities.grouping = s.context.contextActivities.grouping.map(asActivity);
  if (session.context) {
    const course = session.context.title ?? session.context.label;
    contextActivities.parent = [
      {
        objectType: 'Activity',
        id: courseActivityId(env.publicUrl, session.context.id),
        definition: { type: 'http://adlnet.gov/expapi/activities/course', ...(course ? { name: { und: course } } : {}) },
      },
    ];
  }
  return {
    id: s.id,
    actor: env.actor,
    verb: { id: VIDEO_VERB[s.verb], display: DISPLAY[s.verb] },
    object: { objectType: 'Activity', id: env.objectId, definition: { type: VIDEO_ACTIVITY_TYPE, name: { und: env.title } } },
    ...(s.result ? { result: s.result } : {}),
    context: { contextActivities, extensions: serverExtensions(s.context.extensions, env.durationSeconds), platform: session.platform.name, language: session.locale },
    timestamp: s.timestamp,
  };
}

const EXT = 'https://w3id.org/xapi/video/extensions/';

/**
 * The profile requires `length` on paused, completed and terminated too: the server knows it
 * best. Speeds are strings in the profile ("1.5x"); a bare number from a client is written so.
 */
function serverExtensions(extensions: Record<string, unknown>, durationSeconds: number | null): Record<string, unknown> {
  const out = { ...extensions };
  if (durationSeconds !== null) out[`${EXT}length`] = Math.round(durationSeconds * 1000) / 1000;
  const speed = out[`${EXT}speed`];
  if (typeof speed === 'number') out[`${EXT}speed`] = `${speed}x`;
  return out;
}

function asActivity(a: { id: string; definition?: { type?: string; name?: Record<string, string> } }) {
  return { objectType: 'Activity' as const, id: a.id, ...(a.definition ? { definition: a.definition } : {}) };
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
