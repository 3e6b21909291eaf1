/** English strings of the classroom's attendance part (spread into i18n/en.ts). */
export const attendanceEn = {} as const;
