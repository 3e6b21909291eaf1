/** Server messages of src/classroom/attendance (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const ATTENDANCE_MESSAGES = {} as const satisfies Record<string, { en: string; fr: string }>;
