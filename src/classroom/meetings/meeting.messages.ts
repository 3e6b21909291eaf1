/** Server messages of src/classroom/meetings (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const MEETINGS_MESSAGES = {
  'join-needs-user': {
    en: 'This launch did not say who you are: Amphi cannot let you into the classroom under a name.',
    fr: 'Ce lancement n’indique pas qui vous êtes : Amphi ne peut pas vous faire entrer dans la classe sous un nom.',
  },
  'join-closed': {
    en: 'The classroom is closed now. The next session opens at {opensAt}.',
    fr: 'La classe est fermée pour le moment. La prochaine séance ouvre à {opensAt}.',
  },
  'join-closed-for-good': {
    en: 'The classroom is closed: no session is scheduled any more.',
    fr: 'La classe est fermée : aucune séance n’est plus prévue.',
  },
  'join-unavailable': {
    en: 'This classroom is not available yet. Try again later.',
    fr: 'Cette classe virtuelle n’est pas encore disponible. Réessayez plus tard.',
  },
  'join-busy': {
    en: 'The classroom’s meeting could not be started after several tries: please try again in a moment.',
    fr: 'La réunion de la classe n’a pas pu être lancée après plusieurs essais : réessayez dans un instant.',
  },
  'join-no-meeting': {
    en: 'No meeting is running in this classroom: there is nothing to end.',
    fr: 'Aucune réunion n’est en cours dans cette classe : il n’y a rien à terminer.',
  },
  'join-left-title': { en: 'You have left the virtual classroom', fr: 'Vous avez quitté la classe virtuelle' },
  'join-left-body': {
    en: 'You can close this tab: your course is still open in the other one, where you can join again.',
    fr: 'Vous pouvez fermer cet onglet : votre cours est toujours ouvert dans l’autre, d’où vous pouvez rejoindre la classe à nouveau.',
  },
} as const satisfies Record<string, { en: string; fr: string }>;
