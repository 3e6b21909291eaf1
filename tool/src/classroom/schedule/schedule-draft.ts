import type { ApiError } from '../../api/api-client.js';
import type { FieldMessage } from '../../components/FieldError.js';
import type { Formatter } from '../../i18n/format.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import type { ClassroomResponse, TeacherClassroomSettings, UpdateClassroomBody } from './classroom-api.js';

/** The classroom form as typed: text fields stay strings until saved. */
export interface SessionDraft {
  kind: 'once' | 'weekly';
  id: string;
  title: string;
  date: string;
  startTime: string;
  duration: string;
  weekdays: number[];
  fromDate: string;
  untilDate: string;
  exceptions: string[];
}

export type LockKey = keyof TeacherClassroomSettings['lock'];
export const LOCK_KEYS: LockKey[] = ['camera', 'microphone', 'privateChat', 'publicChat', 'notes', 'userList'];
export const GUEST_POLICIES = ['ALWAYS_ACCEPT', 'ASK_MODERATOR', 'ALWAYS_DENY'] as const;

export interface ClassroomDraft {
  welcomeMessage: string;
  recordingAllowed: boolean;
  timeZone: string;
  sessions: SessionDraft[];
  openMinutesBefore: string;
  waitForModerator: boolean;
  everyoneModerator: boolean;
  guestPolicy: TeacherClassroomSettings['guestPolicy'];
  lock: TeacherClassroomSettings['lock'];
  attendanceKind: 'present' | 'minutes';
  attendanceMinutes: string;
}

/** Errors by the server's field path without `body.` (`sessions.0.durationMinutes`). */
export type ClassroomErrors = Record<string, FieldMessage>;

export function draftFromClassroom(classroom: ClassroomResponse): ClassroomDraft {
  const s = classroom.settings as TeacherClassroomSettings;
  return {
    welcomeMessage: s.welcomeMessage,
    recordingAllowed: s.recordingAllowed,
    timeZone: s.timeZone,
    sessions: s.sessions.map((session) =>
      session.kind === 'once'
        ? { ...emptySession('once'), id: session.id, title: session.title ?? '', date: session.date, startTime: session.startTime, duration: String(session.durationMinutes) }
        : {
            ...emptySession('weekly'),
            id: session.id,
            title: session.title ?? '',
            startTime: session.startTime,
            duration: String(session.durationMinutes),
            weekdays: [...session.weekdays],
            fromDate: session.fromDate,
            untilDate: session.untilDate,
            exceptions: [...session.exceptions],
          },
    ),
    openMinutesBefore: String(s.openMinutesBefore),
    waitForModerator: s.waitForModerator,
    everyoneModerator: s.everyoneModerator,
    guestPolicy: s.guestPolicy,
    lock: { ...s.lock },
    attendanceKind: s.attendanceRule.kind,
    attendanceMinutes: s.attendanceRule.kind === 'minutes' ? String(s.attendanceRule.minutes) : '60',
  };
}

export function emptySession(kind: 'once' | 'weekly'): SessionDraft {
  const id = `s-${Math.random().toString(36).slice(2, 10)}`;
  return { kind, id, title: '', date: '', startTime: '10:00', duration: '90', weekdays: [], fromDate: '', untilDate: '', exceptions: [] };
}

export function toClassroomUpdate(draft: ClassroomDraft): UpdateClassroomBody {
  return {
    welcomeMessage: draft.welcomeMessage,
    recordingAllowed: draft.recordingAllowed,
    timeZone: draft.timeZone,
    sessions: draft.sessions.map((s) => {
      const common = { id: s.id, startTime: s.startTime, durationMinutes: Number(s.duration), ...(s.title.trim() ? { title: s.title.trim() } : {}) };
      return s.kind === 'once'
        ? { kind: 'once' as const, ...common, date: s.date }
        : { kind: 'weekly' as const, ...common, weekdays: [...s.weekdays].sort(), fromDate: s.fromDate, untilDate: s.untilDate, exceptions: [...s.exceptions].sort() };
    }),
    openMinutesBefore: Number(draft.openMinutesBefore),
    waitForModerator: draft.waitForModerator,
    everyoneModerator: draft.everyoneModerator,
    guestPolicy: draft.guestPolicy,
    lock: draft.lock,
    attendanceRule: draft.attendanceKind === 'present' ? { kind: 'present' } : { kind: 'minutes', minutes: Number(draft.attendanceMinutes) },
  };
}

function intIn(value: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(value.trim())) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/** What the page can tell before asking the server; the server checks the rest (rules over dates). */
export function validateClassroom(draft: ClassroomDraft, t: Translate, gradable: boolean): ClassroomErrors {
  const errors: ClassroomErrors = {};
  const required = { text: t('schedule.error.required') };
  if (!intIn(draft.openMinutesBefore, 0, 240)) errors.openMinutesBefore = { text: t('schedule.error.minutesBefore') };
  if (gradable && draft.attendanceKind === 'minutes' && !intIn(draft.attendanceMinutes, 1, 1440)) errors['attendanceRule.minutes'] = { text: t('schedule.error.attendanceMinutes') };
  draft.sessions.forEach((s, i) => {
    const at = `sessions.${i}`;
    if (!/^\d{2}:\d{2}$/.test(s.startTime)) errors[`${at}.startTime`] = required;
    if (!intIn(s.duration, 5, 720)) errors[`${at}.durationMinutes`] = { text: t('schedule.error.duration') };
    if (s.kind === 'once') {
      if (!s.date) errors[`${at}.date`] = required;
      return;
    }
    if (s.weekdays.length === 0) errors[`${at}.weekdays`] = { text: t('schedule.error.weekdays') };
    if (!s.fromDate) errors[`${at}.fromDate`] = required;
    if (!s.untilDate) errors[`${at}.untilDate`] = required;
    else if (s.fromDate && s.untilDate < s.fromDate) errors[`${at}.untilDate`] = { text: t('schedule.error.untilBeforeFrom') };
  });
  return errors;
}

interface RuleIssue {
  path: string;
  message: string;
  rule?: string;
  params?: Record<string, string | number>;
}

/** The server's issues at their fields: schedule rules in the page's language, shape errors in the server's English. */
export function classroomServerErrors(error: ApiError, t: Translate, format: Formatter): { fields: ClassroomErrors; other: FieldMessage[] } {
  // Dates in the rules' params (YYYY-MM-DD) as the page's language writes them.
  const param = (v: string | number) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? format.day(v, 'long') : String(v));
  const fields: ClassroomErrors = {};
  const other: FieldMessage[] = [];
  for (const issue of error.issues as RuleIssue[]) {
    const path = issue.path.replace(/^body\.?/, '');
    const message: FieldMessage = issue.rule
      ? { text: t(`schedule.rule.${issue.rule}` as MessageKey, Object.fromEntries(Object.entries(issue.params ?? {}).map(([k, v]) => [k, param(v)]))) }
      : { text: issue.message, lang: 'en' };
    // An issue inside a weekday list or a lock object belongs to that group's field.
    const field = path.replace(/^(sessions\.\d+\.weekdays)\.\d+$/, '$1').replace(/^(sessions\.\d+\.exceptions)\.\d+$/, '$1');
    if (path && !fields[field]) fields[field] = message;
    else other.push(message);
  }
  return { fields, other };
}
