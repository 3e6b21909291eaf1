import type { serversEn } from './servers.en.js';

/** French strings of the classroom's servers part: the same keys as servers.en.ts. */
export const serversFr = {} as const satisfies Record<keyof typeof serversEn, string>;
