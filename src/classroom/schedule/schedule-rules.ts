import { BadRequestError } from '../../http/errors.js';
import type { ClassroomSettings } from '../classroom-settings.schemas.js';
import { localDate } from './schedule.js';

/**
 * Rules a schedule must follow beyond its shape (classroom-settings.schemas.ts checks the shape). Each
 * broken rule names its field (`sessions.2.exceptions.0`), the session and the date, so the page
 * can show it at the field and say it in the teacher's language (`rule` + `params`).
 *
 * Overlapping sessions are allowed on purpose: a classroom is one BBB room, so two sessions that
 * overlap (a lecture and a tutorial group, or an extra hour glued to a weekly slot) simply keep
 * the room open across both; refusing them would only make teachers shorten one.
 */
export interface ScheduleIssue {
  /** Path inside the settings, e.g. ['sessions', 2, 'exceptions', 0]. */
  path: (string | number)[];
  rule: ScheduleRule;
  params: Record<string, string | number>;
  /** In English (problem+json `detail`, logs) and in French (the server's own pages). */
  message: string;
  messageFr: string;
}

export type ScheduleRule =
  | 'date-invalid'
  | 'until-before-from'
  | 'span-too-long'
  | 'exception-outside-range'
  | 'exception-not-scheduled'
  | 'exception-duplicate'
  | 'session-id-duplicate';

/** About two academic years: a weekly session's whole span. */
export const MAX_WEEKLY_SPAN_DAYS = 731;

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const JOURS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

export function checkSchedule(settings: Pick<ClassroomSettings, 'sessions' | 'timeZone'>): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const seen = new Set<string>();
  settings.sessions.forEach((session, index) => {
    const at = (...rest: (string | number)[]) => ['sessions', index, ...rest];
    const name = session.title || session.id;
    const issue = (path: (string | number)[], rule: ScheduleRule, params: Record<string, string | number>, en: string, fr: string) =>
      issues.push({ path, rule, params: { session: name, ...params }, message: `session “${name}”: ${en}`, messageFr: `séance « ${name} » : ${fr}` });
    if (seen.has(session.id)) issue(at('id'), 'session-id-duplicate', { id: session.id }, `the id ${session.id} is used by another session`, `l’identifiant ${session.id} est déjà celui d’une autre séance`);
    seen.add(session.id);
    if (session.kind === 'once') {
      if (!localDate(session.date, settings.timeZone)) issue(at('date'), 'date-invalid', { date: session.date }, `${session.date} is not a date`, `${session.date} n’est pas une date`);
      return;
    }
    const from = localDate(session.fromDate, settings.timeZone);
    const until = localDate(session.untilDate, settings.timeZone);
    if (!from) issue(at('fromDate'), 'date-invalid', { date: session.fromDate }, `${session.fromDate} is not a date`, `${session.fromDate} n’est pas une date`);
    if (!until) issue(at('untilDate'), 'date-invalid', { date: session.untilDate }, `${session.untilDate} is not a date`, `${session.untilDate} n’est pas une date`);
    if (!from || !until) return;
    if (until < from) {
      issue(at('untilDate'), 'until-before-from', { from: session.fromDate, until: session.untilDate }, `it ends (${session.untilDate}) before it starts (${session.fromDate})`, `elle finit (${session.untilDate}) avant de commencer (${session.fromDate})`);
      return;
    }
    const span = Math.round(until.diff(from, 'days').days);
    if (span > MAX_WEEKLY_SPAN_DAYS) {
      issue(at('untilDate'), 'span-too-long', { days: span, max: MAX_WEEKLY_SPAN_DAYS }, `it spans ${span} days, at most ${MAX_WEEKLY_SPAN_DAYS} are allowed`, `elle s’étend sur ${span} jours, ${MAX_WEEKLY_SPAN_DAYS} au plus sont permis`);
    }
    const exceptions = new Set<string>();
    session.exceptions.forEach((date, e) => {
      const day = localDate(date, settings.timeZone);
      if (!day) return issue(at('exceptions', e), 'date-invalid', { date }, `${date} is not a date`, `${date} n’est pas une date`);
      if (exceptions.has(date)) return issue(at('exceptions', e), 'exception-duplicate', { date }, `the exception ${date} is listed twice`, `l’exception ${date} figure deux fois`);
      exceptions.add(date);
      if (day < from || day > until) {
        return issue(at('exceptions', e), 'exception-outside-range', { date, from: session.fromDate, until: session.untilDate }, `the exception ${date} is outside ${session.fromDate}…${session.untilDate}`, `l’exception ${date} est hors de la période ${session.fromDate}…${session.untilDate}`);
      }
      if (!session.weekdays.includes(day.weekday)) {
        issue(at('exceptions', e), 'exception-not-scheduled', { date, weekday: day.weekday }, `the exception ${date} is a ${WEEKDAY_NAMES[day.weekday]}, a day the session does not take place`, `l’exception ${date} tombe un ${JOURS[day.weekday]}, jour sans séance`);
      }
    });
  });
  return issues;
}

/** 400 classroom-schedule-invalid naming every broken rule at its field (`pathPrefix` + the issue's path). */
export function assertSchedule(settings: Pick<ClassroomSettings, 'sessions' | 'timeZone'>, pathPrefix: string[] = ['body']): void {
  const issues = checkSchedule(settings);
  if (issues.length === 0) return;
  throw new BadRequestError('classroom-schedule-invalid', 400, {
    details: issues.map((i) => i.message).join('; '),
    detailsFr: issues.map((i) => i.messageFr).join(' ; '),
    issues: issues.map((i) => ({ path: [...pathPrefix, ...i.path].join('.'), message: i.message, rule: i.rule, params: i.params })),
  });
}
