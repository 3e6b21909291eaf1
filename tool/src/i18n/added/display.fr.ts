import type { addedDisplayEn } from './display.en.js';

export const addedDisplayFr: Record<keyof typeof addedDisplayEn, string> = {
  'display.contrast': 'Contraste élevé',
};
