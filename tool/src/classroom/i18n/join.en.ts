/** English strings of the classroom's join part (spread into i18n/en.ts). */
export const joinEn = {} as const;
