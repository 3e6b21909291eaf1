import type { transcriptEn } from './transcript.en.js';

/** French strings of the player's transcript: the same keys as transcript.en.ts. */
export const transcriptFr = {
  'transcript.toggle': 'Transcription',
  'transcript.heading': 'Transcription',
  'transcript.loading': 'Chargement de la transcription…',
  'transcript.error': 'La transcription n’a pas pu être chargée.',
  'transcript.empty': 'Cette transcription est vide.',
  'transcript.language': 'Langue',
  'transcript.list': 'Transcription : {label}. Choisissez une phrase pour lire la vidéo à partir de là.',
  'transcript.search': 'Rechercher dans la transcription',
  'transcript.results': 'Résultat {current} sur {total}',
  'transcript.results.none': 'Aucun résultat',
  'transcript.previous': 'Précédent',
  'transcript.next': 'Suivant',
  'transcript.download.text': 'Télécharger en texte',
  'transcript.download.vtt': 'Télécharger en WebVTT',
} as const satisfies Record<keyof typeof transcriptEn, string>;
