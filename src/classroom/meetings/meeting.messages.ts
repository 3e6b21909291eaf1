/** Server messages of src/classroom/meetings (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const MEETINGS_MESSAGES = {} as const satisfies Record<string, { en: string; fr: string }>;
