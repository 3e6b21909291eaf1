import type { actionsEn } from './actions.en.js';

/** French names of the actions the cohort counts: the same keys as actions.en.ts. */
export const actionsFr = {
  'action.opened': 'a ouvert',
  'action.launched': 'a ouvert',
  'action.initialized': 'a commencé',
  'action.viewed': 'a consulté',
  'action.played': 'a lancé',
  'action.watched': 'a regardé',
  'action.progressed': 'a avancé dans',
  'action.completed': 'a terminé',
  'action.downloaded': 'a téléchargé',
  'action.joined': 'a rejoint',
  'action.attended': 'a assisté à',
  'action.left': 'a quitté',
  'action.answered': 'a répondu à',
  'action.submitted': 'a rendu',
  'action.scored': 'a été noté·e dans',
  'action.passed': 'a réussi',
  'action.failed': 'a échoué à',
  'action.experienced': 'a consulté',
  'action.interacted': 'a interagi avec',
  'action.commented': 'a commenté',
} as const satisfies Record<keyof typeof actionsEn, string>;
