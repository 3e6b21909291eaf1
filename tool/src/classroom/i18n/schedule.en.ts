/** English strings of the classroom's schedule part (spread into i18n/en.ts). */
export const scheduleEn = {} as const;
