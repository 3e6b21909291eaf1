/** Server messages of src/classroom/recordings (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const RECORDINGS_MESSAGES = {
  'recording-not-a-classroom': {
    en: 'This resource is not a virtual classroom: it has no recordings.',
    fr: 'Cette ressource n’est pas une classe virtuelle : elle n’a pas d’enregistrements.',
  },
  'recording-not-found': {
    en: 'This recording does not exist in this classroom (it may have been deleted).',
    fr: 'Cet enregistrement n’existe pas dans cette classe virtuelle (il a peut-être été supprimé).',
  },
  'recording-no-video-format': {
    en: 'This recording cannot be imported: BigBlueButton made no video of it (the “video” playback format is missing). Ask your BigBlueButton administrator to enable it.',
    fr: 'Cet enregistrement ne peut pas être importé : BigBlueButton n’en a pas fait de vidéo (le format de lecture « video » manque). Demandez à l’administrateur·rice de BigBlueButton de l’activer.',
  },
  'recording-import-exists': {
    en: 'This recording is already being imported, or already is in the video library.',
    fr: 'Cet enregistrement est déjà en cours d’import, ou déjà dans la vidéothèque.',
  },
} as const satisfies Record<string, { en: string; fr: string }>;
