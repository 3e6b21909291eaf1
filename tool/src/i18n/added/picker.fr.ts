import type { addedPickerEn } from './picker.en.js';

export const addedPickerFr: Record<keyof typeof addedPickerEn, string> = {
};
