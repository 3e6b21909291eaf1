import type { addedResourceEn } from './resource.en.js';

export const addedResourceFr: Record<keyof typeof addedResourceEn, string> = {
};
