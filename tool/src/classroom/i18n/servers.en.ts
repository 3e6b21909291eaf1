/** English strings of the classroom's servers part (spread into i18n/en.ts). */
export const serversEn = {} as const;
