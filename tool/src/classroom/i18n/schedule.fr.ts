import type { scheduleEn } from './schedule.en.js';

/** French strings of the classroom's schedule part: the same keys as schedule.en.ts. */
export const scheduleFr = {} as const satisfies Record<keyof typeof scheduleEn, string>;
