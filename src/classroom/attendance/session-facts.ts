import { StoredClassroomSettings, type ClassroomSettings } from '../classroom-settings.schemas.js';
import { upcomingOccurrences, type Occurrence } from '../schedule/schedule.js';

/** A classroom's settings, read leniently: a row that does not parse has no sessions (a title and a planned duration are extras). */
export function settingsOf(resource: { settings: unknown }): ClassroomSettings | null {
  const parsed = StoredClassroomSettings.safeParse(resource.settings ?? {});
  return parsed.success ? parsed.data : null;
}

/** The scheduled session a meeting opened for (its session_start), when the schedule still has it. */
export function occurrenceOf(settings: ClassroomSettings | null, sessionStart: Date | null): Occurrence | null {
  if (!settings || !sessionStart || !settings.sessions.length) return null;
  return upcomingOccurrences(settings, sessionStart, 20).find((o) => o.start.getTime() === sessionStart.getTime()) ?? null;
}

/** ISO 8601 duration of whole seconds (PT1H30M, PT45S, PT0S): xAPI's result.duration and planned-duration. */
export function isoDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const out = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${rest ? `${rest}S` : ''}`;
  return `PT${out || '0S'}`;
}
