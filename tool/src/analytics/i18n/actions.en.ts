/**
 * English names of the actions the cohort counts (the xAPI verb's last word, as the API sends it).
 * A verb missing here is shown as sent, marked as English.
 */
export const actionsEn = {
  'action.opened': 'opened',
  'action.launched': 'opened',
  'action.initialized': 'started',
  'action.viewed': 'viewed',
  'action.played': 'played',
  'action.watched': 'watched',
  'action.progressed': 'progressed in',
  'action.completed': 'completed',
  'action.downloaded': 'downloaded',
  'action.joined': 'joined',
  'action.attended': 'attended',
  'action.left': 'left',
  'action.answered': 'answered',
  'action.submitted': 'submitted',
  'action.scored': 'was graded in',
  'action.passed': 'passed',
  'action.failed': 'failed',
  'action.experienced': 'viewed',
  'action.interacted': 'interacted with',
  'action.commented': 'commented on',
} as const;
