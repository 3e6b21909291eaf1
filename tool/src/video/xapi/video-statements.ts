import { formatSegments, roundTime, type Segment } from './played-segments.js';
import {
  EXTENSIONS,
  PROFILE_ACTIVITY_TYPE,
  VERBS,
  VIDEO_ACTIVITY_TYPE,
  VIDEO_PROFILE_ID,
  isoDuration,
  stateExtensions,
  type Extensions,
  type PlayerState,
  type VideoStatement,
  type VideoVerb,
} from './video-profile.js';

/** What every statement of one viewing session shares. */
export interface StatementSession {
  activityId: string;
  sessionId: string;
  title: string;
  /** The language of the title (`fr`, `en`). */
  lang: string;
  newId?: () => string;
  now?: () => Date;
}

/** A v4 uuid; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function newStatementId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function statement(session: StatementSession, verb: VideoVerb, context: Extensions, result?: VideoStatement['result']): VideoStatement {
  return {
    id: (session.newId ?? newStatementId)(),
    verb: { id: VERBS[verb], display: { 'en-US': verb } },
    object: {
      objectType: 'Activity',
      id: session.activityId,
      definition: { type: VIDEO_ACTIVITY_TYPE, name: { [session.lang]: session.title } },
    },
    context: {
      contextActivities: { category: [{ id: VIDEO_PROFILE_ID, definition: { type: PROFILE_ACTIVITY_TYPE } }] },
      extensions: { [EXTENSIONS.sessionId]: session.sessionId, ...context },
    },
    ...(result ? { result } : {}),
    timestamp: (session.now ?? (() => new Date()))().toISOString(),
  };
}

function progressExtensions(time: number, segments: readonly Segment[], progress: number): Extensions {
  return {
    [EXTENSIONS.time]: roundTime(time),
    [EXTENSIONS.progress]: progress,
    [EXTENSIONS.playedSegments]: formatSegments(segments),
  };
}

/** https://liveaspankaj.gitbooks.io/xapi-video-profile/content/statement_data_model.html#2541-initialized */
export function initializedStatement(
  session: StatementSession,
  media: { length: number; completionThreshold: number },
  state: PlayerState,
): VideoStatement {
  return statement(session, 'initialized', {
    [EXTENSIONS.length]: roundTime(media.length),
    [EXTENSIONS.completionThreshold]: media.completionThreshold,
    ...stateExtensions(state),
  });
}

export function playedStatement(session: StatementSession, time: number): VideoStatement {
  return statement(session, 'played', {}, { extensions: { [EXTENSIONS.time]: roundTime(time) } });
}

export function pausedStatement(session: StatementSession, time: number, segments: readonly Segment[], progress: number): VideoStatement {
  return statement(session, 'paused', {}, { extensions: progressExtensions(time, segments, progress) });
}

export function seekedStatement(session: StatementSession, from: number, to: number): VideoStatement {
  return statement(session, 'seeked', {}, {
    extensions: { [EXTENSIONS.timeFrom]: roundTime(from), [EXTENSIONS.timeTo]: roundTime(to) },
  });
}

/** The changed part of the player state goes in the context (profile: interacted). */
export function interactedStatement(session: StatementSession, time: number, changed: Partial<PlayerState>): VideoStatement {
  return statement(session, 'interacted', stateExtensions(changed), { extensions: { [EXTENSIONS.time]: roundTime(time) } });
}

export function completedStatement(
  session: StatementSession,
  time: number,
  segments: readonly Segment[],
  progress: number,
  playedSeconds: number,
): VideoStatement {
  return statement(session, 'completed', {}, {
    completion: true,
    duration: isoDuration(playedSeconds),
    extensions: progressExtensions(time, segments, progress),
  });
}

export function terminatedStatement(session: StatementSession, time: number, segments: readonly Segment[], progress: number): VideoStatement {
  return statement(session, 'terminated', {}, { extensions: progressExtensions(time, segments, progress) });
}
