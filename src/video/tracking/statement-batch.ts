import { BadRequestError } from '../../http/errors.js';
import { formatPlayedSegments } from './played-segments.js';
import { checkVideoStatement, resultNumber, type VideoStatement } from './video-profile.js';
import { statementSegments } from './video-view.js';

/** A client clock a little ahead is normal; statements from further in the future are refused. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/**
 * Players report a few milliseconds past the end (the browser's duration of an HLS stream is not
 * exactly the transcoder's): up to this much is clipped to the end, beyond is refused.
 */
export const END_TOLERANCE_SECONDS = 1;

/**
 * Every statement checked against the video profile and the published media's duration; one
 * refused refuses the batch, saying which and why. The same id twice (a resent statement) counts once.
 */
export function checkBatch(raw: readonly unknown[], now: number, durationSeconds: number | null): VideoStatement[] {
  const seen = new Set<string>();
  const statements: VideoStatement[] = [];
  raw.forEach((item, index) => {
    const check = checkVideoStatement(item);
    if (!check.ok) throw refused(index, check.reason);
    if (Date.parse(check.statement.timestamp) > now + MAX_CLOCK_SKEW_MS) throw refused(index, 'timestamp: is in the future');
    if (durationSeconds !== null) {
      const beyond = pastTheEnd(check.statement, durationSeconds + END_TOLERANCE_SECONDS);
      if (beyond) throw refused(index, `${beyond} is past the end of the video (${durationSeconds} s)`);
    }
    if (seen.has(check.statement.id)) return;
    seen.add(check.statement.id);
    statements.push(check.statement);
  });
  return statements;
}

/** The first segment or time of the statement beyond `limit` seconds, named as the profile names it. */
function pastTheEnd(s: VideoStatement, limit: number): string | undefined {
  const segment = statementSegments(s).find(([, end]) => end > limit);
  if (segment) return `result.extensions.played-segments: the segment ${formatPlayedSegments([segment])}`;
  for (const name of ['time', 'time-from', 'time-to'] as const) {
    const value = resultNumber(s, name);
    if (value !== undefined && value > limit) return `result.extensions.${name}: ${value}`;
  }
  return undefined;
}

function refused(index: number, reason: string): BadRequestError {
  return new BadRequestError('video-statement-refused', 400, { index, reason });
}
