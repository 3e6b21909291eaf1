import { courseActivityId } from '../../lrs/traces/launch-trace.service.js';
import type { Statement } from '../../lrs/xapi/xapi.types.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { clipSegments, formatPlayedSegments, watchedShare, type Segment } from './played-segments.js';
import { durationToSeconds, secondsToDuration } from './result-duration.js';
import { creditedPart } from './segment-credit.js';
import { ext, VIDEO_ACTIVITY_TYPE, VIDEO_PROFILE_ID, VIDEO_VERB, type VideoStatement, type VideoVerb } from './video-profile.js';
import { statementSegments } from './video-view.js';

const DISPLAY: Record<VideoVerb, { 'en-US': string; 'fr-FR': string }> = {
  initialized: { 'en-US': 'initialized', 'fr-FR': 'a initialisé' },
  played: { 'en-US': 'played', 'fr-FR': 'a lu' },
  paused: { 'en-US': 'paused', 'fr-FR': 'a mis en pause' },
  seeked: { 'en-US': 'seeked', 'fr-FR': 'a déplacé la lecture' },
  completed: { 'en-US': 'completed', 'fr-FR': 'a terminé' },
  terminated: { 'en-US': 'terminated', 'fr-FR': 'a quitté' },
  interacted: { 'en-US': 'interacted', 'fr-FR': 'a interagi' },
};

export interface StatementEnvironment {
  actor: Statement['actor'];
  session: LaunchSession;
  publicUrl: string;
  objectId: string;
  title: string;
  /** The media's real duration: the profile's `length`, set by the server on every statement. */
  durationSeconds: number | null;
  completionThreshold: number;
  /** The segments the server has credited of the person's view, this batch included. */
  credited: Segment[];
  /** The view is completed by what was credited (the only completion a stored statement may state). */
  viewCompleted: boolean;
}

/**
 * The stored statement. From the page: the verb, timestamp, id, the result and the player's state
 * (context extensions), as the video profile checked them. From the server: actor, object, every
 * context activity (the page's are ignored: a page may not put an activity, or a definition of
 * one, in the LRS), platform, language, the media's length and completion threshold, and what
 * the result claims was watched: `played-segments` become the part of them the server has
 * credited, `progress` the share of the video that part makes; `completion` is said only by a
 * `completed` statement of a view the credited share completes, and `duration` (time spent, which
 * sinks and dashboards add up) only by `completed`, at most the seconds its credited part makes.
 * The same statement sent twice at once (beacon and fetch) is built the same way unless the
 * budget cut it in between.
 */
export function toXapiStatement(s: VideoStatement, env: StatementEnvironment): Statement {
  const { session } = env;
  const contextActivities: NonNullable<NonNullable<Statement['context']>['contextActivities']> = {
    category: [{ objectType: 'Activity', id: VIDEO_PROFILE_ID, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }],
  };
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
    ...creditedResult(s, env),
    context: { contextActivities, extensions: serverExtensions(s.context.extensions, env), platform: session.platform.name, language: session.locale },
    timestamp: s.timestamp,
  };
}

/** The result, with what was watched and completed said as the server credited it; none when nothing is left of it. */
function creditedResult(s: VideoStatement, env: StatementEnvironment): { result?: NonNullable<Statement['result']> } {
  if (!s.result) return {};
  const { completion, duration, extensions: claimedExtensions } = s.result;
  const claimed = env.durationSeconds ? clipSegments(statementSegments(s), env.durationSeconds) : [];
  const credited = creditedPart(claimed, env.credited);
  const result: NonNullable<Statement['result']> = {};
  if (completion !== undefined && s.verb === 'completed' && env.viewCompleted) result.completion = completion;
  if (duration !== undefined && s.verb === 'completed') {
    const cap = Math.round(credited.reduce((sum, [start, end]) => sum + (end - start), 0) * 1000) / 1000;
    result.duration = durationToSeconds(duration) <= cap ? duration : secondsToDuration(cap);
  }
  if (claimedExtensions) {
    const extensions = { ...claimedExtensions };
    if (extensions[ext('played-segments')] !== undefined) extensions[ext('played-segments')] = formatPlayedSegments(credited);
    if (extensions[ext('progress')] !== undefined) extensions[ext('progress')] = watchedShare(credited, env.durationSeconds);
    result.extensions = extensions;
  }
  return Object.keys(result).length ? { result } : {};
}

/**
 * The profile requires `length` on paused, completed and terminated too: the server knows it
 * best, and the completion threshold. Speeds are strings in the profile ("1.5x"); a bare number
 * from a client is written so.
 */
function serverExtensions(extensions: Record<string, unknown>, env: StatementEnvironment): Record<string, unknown> {
  const out = { ...extensions };
  if (env.durationSeconds !== null) out[ext('length')] = Math.round(env.durationSeconds * 1000) / 1000;
  if (out[ext('completion-threshold')] !== undefined) out[ext('completion-threshold')] = env.completionThreshold;
  const speed = out[ext('speed')];
  if (typeof speed === 'number') out[ext('speed')] = `${speed}x`;
  return out;
}
