/**
 * English names of the actions the cohort counts, as the API names them
 * (src/analytics/rollup/verb-actions.ts). An action missing here is shown as sent, marked English.
 */
export const actionsEn = {
  'action.opened': 'Opened',
  'action.viewed': 'Viewed',
  'action.played': 'Played',
  'action.completed': 'Completed',
  'action.downloaded': 'Downloaded',
  'action.joined': 'Joined',
  'action.posted': 'Posted in the chat',
  'action.reacted': 'Raised a hand or reacted',
  'action.answered': 'Answered',
  'action.attempted': 'Attempted',
  'action.scored': 'Was graded',
  'action.spoke': 'Spoke',
} as const;
