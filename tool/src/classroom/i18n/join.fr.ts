import type { joinEn } from './join.en.js';

/** French strings of the classroom's join part: the same keys as join.en.ts. */
export const joinFr = {} as const satisfies Record<keyof typeof joinEn, string>;
