import type { recordingsEn } from './recordings.en.js';

/** French strings of the classroom's recordings part: the same keys as recordings.en.ts. */
export const recordingsFr = {} as const satisfies Record<keyof typeof recordingsEn, string>;
