import type { actionsEn } from './actions.en.js';

/** French names of the actions the cohort counts: the same keys as actions.en.ts. */
export const actionsFr = {
  'action.opened': 'Ouverture',
  'action.viewed': 'Consultation',
  'action.played': 'Lecture',
  'action.completed': 'Achèvement',
  'action.downloaded': 'Téléchargement',
  'action.joined': 'Participation à une séance',
  'action.posted': 'Message dans la discussion',
  'action.reacted': 'Main levée ou réaction',
  'action.answered': 'Réponse',
  'action.attempted': 'Tentative',
  'action.scored': 'Note reçue',
  'action.spoke': 'Prise de parole',
} as const satisfies Record<keyof typeof actionsEn, string>;
