import { clipSegments, parsePlayedSegments, watchedShare, type Segment } from './played-segments.js';
import { creditSegments } from './segment-credit.js';
import { ext, resultNumber, resultSegments, type VideoStatement } from './video-profile.js';

/** A person's view of a video, as video_views keeps it. */
export interface VideoViewState {
  segments: Segment[];
  positionSeconds: number;
  positionAt: Date | null;
  watchedShare: number;
  completedAt: Date | null;
  lastSessionId: string | null;
}

export interface VideoFactsForView {
  /** The published media's duration (the server's, never the client's `length`); null when none. */
  durationSeconds: number | null;
  completionThreshold: number;
}

/** The view after a batch, and how many seconds of it the server credited. */
export interface AppliedStatements {
  view: VideoViewState;
  creditedSeconds: number;
}

/**
 * The view after a batch of statements. What the batch claims was played (the statements'
 * played-segments and the play → pause/seek pairs inside it) is credited beyond what was already
 * credited, up to `budgetSeconds` (watch-budget.ts); the share is recomputed from the credited
 * segments and the server's duration (the client's `progress` is never trusted); nothing is
 * credited while no media is published. The position is the latest statement's time, unless a
 * newer one was already recorded (batches can arrive late); completion, once reached, stays.
 * Applying the same batch twice changes nothing.
 */
export function applyStatements(view: VideoViewState, statements: readonly VideoStatement[], facts: VideoFactsForView, now: Date, budgetSeconds: number): AppliedStatements {
  const ordered = [...statements].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const credit = facts.durationSeconds ? creditSegments(view.segments, claimedSegments(ordered, facts.durationSeconds), budgetSeconds) : { segments: view.segments, seconds: 0 };

  let { positionSeconds, positionAt } = view;
  for (const s of ordered) {
    const time = s.verb === 'seeked' ? resultNumber(s, 'time-to') : resultNumber(s, 'time');
    const at = new Date(s.timestamp);
    if (time === undefined || (positionAt && at < positionAt)) continue;
    positionSeconds = facts.durationSeconds ? Math.min(time, facts.durationSeconds) : time;
    positionAt = at;
  }

  const share = facts.durationSeconds ? watchedShare(credit.segments, facts.durationSeconds) : view.watchedShare;
  const reached = facts.durationSeconds !== null && share >= facts.completionThreshold;
  const last = ordered.at(-1)?.context.extensions[ext('session-id')];
  return {
    view: {
      segments: credit.segments,
      positionSeconds,
      positionAt,
      watchedShare: share,
      completedAt: view.completedAt ?? (reached ? now : null),
      lastSessionId: typeof last === 'string' ? last : view.lastSessionId,
    },
    creditedSeconds: credit.seconds,
  };
}

/** What statements (in timestamp order) claim was played, within the video. */
export function claimedSegments(ordered: readonly VideoStatement[], durationSeconds: number): Segment[] {
  return clipSegments([...ordered.flatMap((s) => statementSegments(s)), ...playedBetween(ordered)], durationSeconds);
}

export function statementSegments(s: VideoStatement): Segment[] {
  const text = resultSegments(s);
  return text ? parsePlayedSegments(text) : [];
}

/** Playing from `played` until the next pause, seek (its time-from), completion or end, within the batch. */
function playedBetween(ordered: readonly VideoStatement[]): Segment[] {
  const segments: Segment[] = [];
  let from: number | null = null;
  for (const s of ordered) {
    if (s.verb === 'played') from = resultNumber(s, 'time') ?? null;
    else if (s.verb === 'seeked') {
      const seekFrom = resultNumber(s, 'time-from');
      if (from !== null && seekFrom !== undefined && seekFrom > from) segments.push([from, seekFrom]);
      // Seeking while playing goes on playing from the new point.
      if (from !== null) from = resultNumber(s, 'time-to') ?? null;
    } else if (s.verb === 'paused' || s.verb === 'completed' || s.verb === 'terminated') {
      const to = resultNumber(s, 'time');
      if (from !== null && to !== undefined && to > from) segments.push([from, to]);
      from = null;
    }
  }
  return segments;
}

/**
 * The score to hand to the gradebook now, or null: watched share × maximum (2 decimals), only
 * when it rises by at least 1 % of the maximum, or rises at all when the video is just completed.
 * A grade is never lowered (another media, a shorter duration: the best stays).
 */
export function scoreToSend(input: { share: number; scoreMaximum: number; bestScoreSent: number | null; justCompleted: boolean }): number | null {
  const score = Math.round(input.share * input.scoreMaximum * 100) / 100;
  const best = input.bestScoreSent;
  if (best !== null && score <= best) return null;
  if (best === null && score <= 0 && !input.justCompleted) return null;
  const step = input.scoreMaximum / 100;
  if (input.justCompleted || score - (best ?? 0) >= step - 1e-9) return score;
  return null;
}
