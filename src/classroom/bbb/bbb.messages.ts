/** Server messages of src/classroom/bbb (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const BBB_MESSAGES = {} as const satisfies Record<string, { en: string; fr: string }>;
