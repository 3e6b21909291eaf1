import { DateTime } from 'luxon';
import type { ClassroomSession, ClassroomSettings } from '../classroom-settings.schemas.js';

/**
 * A classroom's sessions as instants. Sessions are written as wall-clock times in the
 * classroom's time zone: a weekly 10:00 in Europe/Paris is 08:00Z in summer and 09:00Z in winter.
 *
 * Daylight-saving edges follow luxon: a start that does not exist (02:30 on the spring-forward
 * day in Paris) moves forward by the gap (03:30 CEST); a start that exists twice (02:30 on the
 * fall-back day) is the second one (standard time). A session lasts its real duration in
 * minutes, even across a change of offset. The room opens `openMinutesBefore` before each start
 * and closes at its end.
 */
export interface Occurrence {
  sessionId: string;
  title: string | null;
  start: Date;
  end: Date;
  opensAt: Date;
}

export type ScheduleSettings = Pick<ClassroomSettings, 'sessions' | 'timeZone' | 'openMinutesBefore'>;

export interface RoomStatus {
  /** False when the classroom has no sessions: the room is then always open. */
  scheduled: boolean;
  open: boolean;
  /** The session whose opening window holds `now`. */
  current: Occurrence | null;
  /** The first session after the current one (or the first to come). */
  next: Occurrence | null;
}

/** Occurrences whose end is after `from`, sorted by start (then session order), at most `limit`. */
export function upcomingOccurrences(settings: ScheduleSettings, from: Date, limit: number): Occurrence[] {
  if (limit <= 0) return [];
  const all: { occurrence: Occurrence; order: number }[] = [];
  settings.sessions.forEach((session, order) => {
    for (const occurrence of sessionOccurrences(session, settings, from, limit)) all.push({ occurrence, order });
  });
  all.sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime() || a.order - b.order);
  return all.slice(0, limit).map((a) => a.occurrence);
}

/**
 * Whether the room is open at `now`. Overlapping sessions are allowed (one classroom is one BBB
 * room): while any of them is open the room is; `current` is the one that started first.
 */
export function roomStatus(settings: ScheduleSettings, now: Date): RoomStatus {
  if (settings.sessions.length === 0) return { scheduled: false, open: true, current: null, next: null };
  // Sorted by start, so by opening time too (the same margin for every session).
  const [first, second] = upcomingOccurrences(settings, now, 2);
  const current = first && first.opensAt.getTime() <= now.getTime() ? first : null;
  const next = (current ? second : first) ?? null;
  return { scheduled: true, open: current !== null, current, next };
}

/** One session's first `limit` occurrences ending after `from`. */
function sessionOccurrences(session: ClassroomSession, settings: ScheduleSettings, from: Date, limit: number): Occurrence[] {
  const zone = settings.timeZone;
  const make = (date: DateTime): Occurrence | null => {
    const start = atWallClock(date, session.startTime, zone);
    if (!start) return null;
    const end = start.plus({ minutes: session.durationMinutes });
    if (end.toMillis() <= from.getTime()) return null;
    return {
      sessionId: session.id,
      title: session.title ? session.title : null,
      start: start.toJSDate(),
      end: end.toJSDate(),
      opensAt: start.minus({ minutes: settings.openMinutesBefore }).toJSDate(),
    };
  };
  if (session.kind === 'once') {
    const date = localDate(session.date, zone);
    const one = date ? make(date) : null;
    return one ? [one] : [];
  }
  const fromDate = localDate(session.fromDate, zone);
  const untilDate = localDate(session.untilDate, zone);
  if (!fromDate || !untilDate) return [];
  // A session lasts at most 12 hours, so one that ends after `from` starts at most a day before it.
  const dayBefore = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  let day = dayBefore > fromDate ? dayBefore : fromDate;
  const weekdays = new Set(session.weekdays);
  const exceptions = new Set(session.exceptions);
  const found: Occurrence[] = [];
  while (day <= untilDate && found.length < limit) {
    if (weekdays.has(day.weekday) && !exceptions.has(day.toISODate()!)) {
      const occurrence = make(day);
      if (occurrence) found.push(occurrence);
    }
    day = day.plus({ days: 1 });
  }
  return found;
}

/** YYYY-MM-DD at midnight in `zone`, or null for a date that does not exist (2026-02-30). */
export function localDate(iso: string, zone: string): DateTime | null {
  const date = DateTime.fromISO(iso, { zone });
  return date.isValid ? date.startOf('day') : null;
}

function atWallClock(date: DateTime, time: string, zone: string): DateTime | null {
  const [hour, minute] = time.split(':').map(Number);
  const at = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone });
  return at.isValid ? at : null;
}
