/** Server messages of src/classroom/schedule (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const SCHEDULE_MESSAGES = {
  'classroom-not-found': {
    en: 'There is no virtual classroom {resourceId} here.',
    fr: 'Il n’y a pas de classe virtuelle {resourceId} ici.',
  },
  'classroom-schedule-invalid': {
    en: 'The schedule is not valid: {details}',
    fr: 'Le calendrier n’est pas valide : {detailsFr}',
  },
  'classroom-presentation-refused': {
    en: 'This file cannot be used as a presentation: {whyEn}. BigBlueButton accepts PDF, Word, PowerPoint, Excel, OpenDocument, RTF, plain text, JPEG and PNG.',
    fr: 'Ce fichier ne peut pas servir de présentation : {whyFr}. BigBlueButton accepte PDF, Word, PowerPoint, Excel, OpenDocument, RTF, texte brut, JPEG et PNG.',
  },
  'classroom-presentation-too-large': {
    en: 'The presentation is larger than the {limit} accepted.',
    fr: 'La présentation dépasse la taille acceptée de {limit}.',
  },
  'classroom-presentation-link-invalid': {
    en: 'This presentation link is invalid or has expired.',
    fr: 'Ce lien de présentation est invalide ou a expiré.',
  },
} as const satisfies Record<string, { en: string; fr: string }>;
