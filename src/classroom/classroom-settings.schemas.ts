import { z } from 'zod';

/**
 * A classroom's settings (resources.settings of kind 'classroom'). Sessions are wall-clock times
 * in the classroom's time zone (a weekly 10:00 stays 10:00 across daylight saving); the API gives
 * every occurrence as a UTC instant so each person sees it in their own time zone.
 */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:mm');
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _');
const Duration = z.number().int().min(5, 'at least 5 minutes').max(720, 'at most 12 hours');
const SessionTitle = z.string().trim().max(200).optional();

export const OneOffSession = z
  .object({ kind: z.literal('once'), id: SessionId, title: SessionTitle, date: LocalDate, startTime: LocalTime, durationMinutes: Duration })
  .strict();

export const WeeklySession = z
  .object({
    kind: z.literal('weekly'),
    id: SessionId,
    title: SessionTitle,
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, 'at least one day').max(7),
    startTime: LocalTime,
    durationMinutes: Duration,
    fromDate: LocalDate,
    untilDate: LocalDate,
    /** Dates (local) on which the weekly session does not happen. */
    exceptions: z.array(LocalDate).max(366).default([]),
  })
  .strict();

export const ClassroomSession = z.discriminatedUnion('kind', [OneOffSession, WeeklySession]);
export type ClassroomSession = z.output<typeof ClassroomSession>;

export const LockSettings = z
  .object({
    camera: z.boolean().default(false),
    microphone: z.boolean().default(false),
    privateChat: z.boolean().default(false),
    publicChat: z.boolean().default(false),
    notes: z.boolean().default(false),
    userList: z.boolean().default(false),
  })
  .strict();

export const AttendanceRule = z.discriminatedUnion('kind', [
  /** Full marks for having attended at all. */
  z.object({ kind: z.literal('present') }).strict(),
  /** Full marks from `minutes` attended (summed over the classroom's sessions), in proportion below. */
  z.object({ kind: z.literal('minutes'), minutes: z.number().int().min(1).max(1440) }).strict(),
]);
export type AttendanceRule = z.output<typeof AttendanceRule>;

/** Set by the presentation upload only, never by PATCH. */
export const StoredPresentation = z.object({
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type StoredPresentation = z.output<typeof StoredPresentation>;

export const GUEST_POLICIES = ['ALWAYS_ACCEPT', 'ASK_MODERATOR', 'ALWAYS_DENY'] as const;

/** What a teacher may set (creation and PATCH). */
export const ClassroomSettingsInput = z
  .object({
    welcomeMessage: z.string().trim().max(2000).default(''),
    recordingAllowed: z.boolean().default(true),
    /** IANA zone the sessions are written in; checked with Intl. */
    timeZone: z
      .string()
      .default('Europe/Paris')
      .refine((tz) => isTimeZone(tz), 'an IANA time zone such as Europe/Paris'),
    sessions: z.array(ClassroomSession).max(100).default([]),
    /** The room opens this long before each session (and closes at its end). */
    openMinutesBefore: z.number().int().min(0).max(240).default(15),
    waitForModerator: z.boolean().default(true),
    everyoneModerator: z.boolean().default(false),
    guestPolicy: z.enum(GUEST_POLICIES).default('ALWAYS_ACCEPT'),
    /** true = locked for viewers. */
    lock: LockSettings.prefault({}),
    attendanceRule: AttendanceRule.default({ kind: 'present' }),
  })
  .strict();

/** What is stored: the input plus what only services set. Old rows (issue 3's two fields) read with defaults. */
export const StoredClassroomSettings = ClassroomSettingsInput.extend({
  presentation: StoredPresentation.nullable().default(null),
}).strip();
export type ClassroomSettings = z.output<typeof StoredClassroomSettings>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}
