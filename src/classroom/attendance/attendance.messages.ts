/**
 * Server messages of src/classroom/attendance and src/classroom/callbacks (spread into
 * src/http/messages.ts). `{name}` placeholders take the error's params.
 */
export const ATTENDANCE_MESSAGES = {
  'callback-jwt-missing': {
    en: 'This BigBlueButton callback carries no signed token (signed_parameters, or Authorization: Bearer).',
    fr: 'Ce rappel de BigBlueButton ne porte aucun jeton signé (signed_parameters, ou Authorization: Bearer).',
  },
  'callback-jwt-invalid': {
    en: 'The BigBlueButton callback’s token was refused: {reason}.',
    fr: 'Le jeton du rappel de BigBlueButton a été refusé : {reason}.',
  },
  'callback-jwt-expired': {
    en: 'The BigBlueButton callback’s token has expired.',
    fr: 'Le jeton du rappel de BigBlueButton a expiré.',
  },
  'callback-no-server': {
    en: 'This platform has no BigBlueButton server any more: its callbacks cannot be checked.',
    fr: 'Cette plateforme n’a plus de serveur BigBlueButton : ses rappels ne peuvent pas être vérifiés.',
  },
  'callback-body-invalid': {
    en: 'The BigBlueButton callback could not be read: {details}',
    fr: 'Le rappel de BigBlueButton est illisible : {details}',
  },
  'callback-meeting-mismatch': {
    en: 'This callback is about meeting {meetingId}, not the meeting its URL was made for.',
    fr: 'Ce rappel concerne la réunion {meetingId}, pas celle pour laquelle son adresse a été faite.',
  },
  'attendance-not-a-classroom': {
    en: 'Resource {resourceId} is not a virtual classroom: it has no attendance.',
    fr: 'La ressource {resourceId} n’est pas une classe virtuelle : elle n’a pas de présences.',
  },
} as const satisfies Record<string, { en: string; fr: string }>;
