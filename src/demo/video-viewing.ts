import { ext, formatPlayedSegments, mergeSegments, secondsToDuration, watchedShare, type Segment, type VideoStatement, type VideoVerb, type VideoViewState } from '../video/tracking/tracking.service.js';
import type { SeededRandom } from './seeded-random.js';

/** One viewing as the player reports it: its statements (client form) and the segments it played. */
export interface Viewing {
  statements: VideoStatement[];
  segments: Segment[];
  endsAt: number;
  position: number;
  sessionId: string;
}

/** A view before anyone watched. */
export function emptyView(): VideoViewState {
  return { segments: [], positionSeconds: 0, positionAt: null, watchedShare: 0, completedAt: null, lastSessionId: null };
}

/**
 * A person opens the video at `start`: resumes where they stopped (most of the time), plays in
 * stretches, pauses, sometimes seeks, and leaves after their attention runs out or at the end.
 * `completes` says whether this viewing brings the view to its completion threshold, which only
 * the caller knows (it holds the whole view); the player then reports `completed` at its end.
 */
export function simulateViewing(random: SeededRandom, duration: number, view: VideoViewState, start: number, sessionId: string, focus: number): Viewing {
  const statements: VideoStatement[] = [];
  const segments: Segment[] = [];
  let clock = start;
  let position = view.positionSeconds > 0 && view.positionSeconds < duration - 5 && random.chance(0.75) ? view.positionSeconds : 0;
  const base = { 'session-id': sessionId };
  const emit = (verb: VideoVerb, result: Record<string, unknown> | undefined, context: Record<string, unknown> = {}, extra: Partial<VideoStatement['result']> = {}) => {
    const extensions = Object.fromEntries(Object.entries({ ...base, ...context }).map(([k, v]) => [ext(k), v]));
    const s: VideoStatement = { id: random.uuid(), verb, timestamp: new Date(Math.round(clock)).toISOString(), context: { extensions } };
    if (result) s.result = { ...extra, extensions: Object.fromEntries(Object.entries(result).map(([k, v]) => [ext(k), v])) };
    statements.push(s);
  };
  const progress = () => ({ progress: watchedShare(segments, duration), 'played-segments': formatPlayedSegments(mergeSegments(segments)) });

  emit('initialized', undefined, { length: duration, 'completion-threshold': 0.9, 'user-agent': 'Mozilla/5.0', 'video-playback-size': '1280x720' });
  clock += random.between(800, 5000);
  let attention = duration * Math.min(1.3, random.between(0.15, 1.1) * focus);
  while (attention > 0 && position < duration - 0.5) {
    emit('played', { time: round(position) });
    const stretch = Math.min(duration - position, attention, random.between(40, 420));
    segments.push([round(position), round(position + stretch)]);
    position = round(position + stretch);
    attention -= stretch;
    clock += stretch * 1000;
    if (position >= duration - 0.5 || attention <= 0) break;
    if (random.chance(0.7)) {
      emit('paused', { time: position, ...progress() });
      clock += random.between(3000, 90_000);
    } else {
      const to = round(random.chance(0.6) ? Math.min(duration - 1, position + random.between(10, 120)) : Math.max(0, position - random.between(10, 90)));
      emit('seeked', { 'time-from': position, 'time-to': to });
      position = to;
      clock += random.between(300, 2000);
    }
  }
  return { statements, segments: mergeSegments(segments), endsAt: clock, position, sessionId };
}

/** The statements that close a viewing: `completed` when it completes the view, then `terminated`. */
export function closeViewing(random: SeededRandom, viewing: Viewing, duration: number, startedAt: number, completes: boolean): void {
  const time = viewing.position;
  const result = (verb: VideoVerb, extra: Partial<NonNullable<VideoStatement['result']>>) => {
    const extensions = {
      [ext('time')]: round(time),
      [ext('progress')]: watchedShare(viewing.segments, duration),
      [ext('played-segments')]: formatPlayedSegments(viewing.segments),
    };
    viewing.statements.push({ id: random.uuid(), verb, timestamp: new Date(Math.round(viewing.endsAt)).toISOString(), result: { ...extra, extensions }, context: { extensions: { [ext('session-id')]: viewing.sessionId } } });
  };
  if (completes) result('completed', { completion: true, duration: secondsToDuration(Math.round((viewing.endsAt - startedAt) / 1000)) });
  viewing.endsAt += random.between(1000, 30_000);
  result('terminated', {});
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
