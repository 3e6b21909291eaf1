/** Server messages of src/classroom/servers (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const SERVERS_MESSAGES = {} as const satisfies Record<string, { en: string; fr: string }>;
