/** Server messages of src/classroom/schedule (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const SCHEDULE_MESSAGES = {} as const satisfies Record<string, { en: string; fr: string }>;
