import { BadRequestError } from '../../http/errors.js';
import { formatPlayedSegments } from './played-segments.js';
import { checkVideoStatement, ext, resultNumber, type VideoStatement } from './video-profile.js';
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
 * refused refuses the batch (nothing of it is recorded), saying which and why: the first in the
 * message, every one in `issues` (`body.statements.<index>`), so that the player drops those and
 * sends the rest again instead of losing a whole backlog with them (after the media was replaced
 * by a shorter one, say). The same id twice (a resent statement) counts once.
 */
export function checkBatch(raw: readonly unknown[], now: number, durationSeconds: number | null, captionLangs?: ReadonlySet<string>): VideoStatement[] {
  const seen = new Set<string>();
  const statements: VideoStatement[] = [];
  const refusals: { index: number; reason: string }[] = [];
  raw.forEach((item, index) => {
    const checked = checkOne(item, now, durationSeconds, captionLangs);
    if (typeof checked === 'string') return void refusals.push({ index, reason: checked });
    if (seen.has(checked.id)) return;
    seen.add(checked.id);
    statements.push(checked);
  });
  if (refusals.length) throw refused(refusals);
  return statements;
}

/** Whether a raw statement says which captions were shown (only then are the video's tracks read). */
export function namesCaptions(item: unknown): boolean {
  const extensions = (item as { context?: { extensions?: Record<string, unknown> } } | null)?.context?.extensions;
  return typeof extensions === 'object' && extensions !== null && ext('cc-subtitle-lang') in extensions;
}

/** The statement checked, or why it is refused. */
function checkOne(item: unknown, now: number, durationSeconds: number | null, captionLangs: ReadonlySet<string> | undefined): VideoStatement | string {
  const check = checkVideoStatement(item);
  if (!check.ok) return check.reason;
  // The captions a page says it showed must be a track the video has (the LRS keeps facts, not claims).
  const lang = check.statement.context?.extensions?.[ext('cc-subtitle-lang')];
  if (captionLangs && typeof lang === 'string' && !captionLangs.has(lang)) return `context.extensions.cc-subtitle-lang: the video has no caption track in ${JSON.stringify(lang)}`;
  if (Date.parse(check.statement.timestamp) > now + MAX_CLOCK_SKEW_MS) return 'timestamp: is in the future';
  if (durationSeconds !== null) {
    const beyond = pastTheEnd(check.statement, durationSeconds + END_TOLERANCE_SECONDS);
    if (beyond) return `${beyond} is past the end of the video (${durationSeconds} s)`;
  }
  return check.statement;
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

function refused(refusals: readonly { index: number; reason: string }[]): BadRequestError {
  const [{ index, reason }] = refusals as [{ index: number; reason: string }];
  const issues = refusals.map((r) => ({ path: `body.statements.${r.index}`, message: r.reason }));
  return new BadRequestError('video-statement-refused', 400, { index, reason, issues });
}
