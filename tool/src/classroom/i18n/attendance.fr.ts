import type { attendanceEn } from './attendance.en.js';

/** French strings of the classroom's attendance part: the same keys as attendance.en.ts. */
export const attendanceFr = {} as const satisfies Record<keyof typeof attendanceEn, string>;
