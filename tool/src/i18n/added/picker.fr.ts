import type { addedPickerEn } from './picker.en.js';

export const addedPickerFr: Record<keyof typeof addedPickerEn, string> = {
  'picker.current': 'Contenu actuel',
  'picker.video.noMedia': 'Aucune vidéo envoyée pour l’instant',
  'picker.video.duration': 'Durée : {duration}',
};
