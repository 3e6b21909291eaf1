/** English strings of the classroom's recordings part (spread into i18n/en.ts). */
export const recordingsEn = {} as const;
