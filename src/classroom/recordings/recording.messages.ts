/** Server messages of src/classroom/recordings (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const RECORDINGS_MESSAGES = {} as const satisfies Record<string, { en: string; fr: string }>;
