import type { addedShellEn } from './shell.en.js';

export const addedShellFr: Record<keyof typeof addedShellEn, string> = {
};
