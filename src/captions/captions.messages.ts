/** Server messages of src/captions (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const CAPTIONS_MESSAGES = {
  'captions-version-conflict': {
    en: 'These captions were saved by someone else meanwhile (now version {version}): reload them before saving your changes.',
    fr: 'Ces sous-titres ont été enregistrés entre-temps par quelqu’un d’autre (version {version}) : rechargez-les avant d’enregistrer vos modifications.',
  },
  'captions-no-media': {
    en: 'This video has no published file yet: captions can be added once it is ready.',
    fr: 'Cette vidéo n’a pas encore de fichier publié : les sous-titres pourront être ajoutés quand elle sera prête.',
  },
  'captions-of-original': {
    en: 'This video is played from the course it was copied from: its captions are changed there.',
    fr: 'Cette vidéo est lue depuis le cours dont elle a été copiée : ses sous-titres se modifient là-bas.',
  },
  'captions-no-engine': {
    en: 'No speech recognition is configured for the language “{lang}” on this server: ask its administrator (VOSK_MODEL_{upper}).',
    fr: 'Aucune reconnaissance vocale n’est configurée pour la langue « {lang} » sur ce serveur : adressez-vous à son administrateur (VOSK_MODEL_{upper}).',
  },
  'captions-no-audio': {
    en: 'This video has no sound: there is nothing to caption automatically.',
    fr: 'Cette vidéo n’a pas de son : il n’y a rien à sous-titrer automatiquement.',
  },
  'captions-track-exists': {
    en: 'This video already has captions in “{lang}”: edit them, or import a file to replace them.',
    fr: 'Cette vidéo a déjà des sous-titres en « {lang} » : modifiez-les, ou importez un fichier pour les remplacer.',
  },
  // Why an imported file is refused (CaptionFileError codes), in words a teacher can act on.
  'captions-file-not-captions': {
    en: 'This file is neither WebVTT (.vtt) nor SRT (.srt) captions.',
    fr: 'Ce fichier n’est pas un fichier de sous-titres WebVTT (.vtt) ou SRT (.srt).',
  },
  'captions-file-no-cues': { en: 'This captions file holds no usable cue.', fr: 'Ce fichier de sous-titres ne contient aucun sous-titre utilisable.' },
  'captions-file-binary': { en: 'This file is not a text file: it cannot hold captions.', fr: 'Ce fichier n’est pas un fichier texte : il ne peut pas contenir de sous-titres.' },
  'captions-file-too-large': {
    en: 'This captions file is too large (at most {maxBytes} bytes and 20,000 cues).',
    fr: 'Ce fichier de sous-titres est trop volumineux (au plus {maxBytes} octets et 20 000 sous-titres).',
  },
  'captions-file-bad-encoding': {
    en: 'The characters of this file cannot be read: save it as UTF-8 and import it again.',
    fr: 'Les caractères de ce fichier sont illisibles : enregistrez-le en UTF-8 et importez-le à nouveau.',
  },
  'captions-cue-outside-video': {
    en: 'Cue {cue} ends at {end} s, after the end of the video ({duration} s).',
    fr: 'Le sous-titre {cue} se termine à {end} s, après la fin de la vidéo ({duration} s).',
  },
  'captions-version-gone': {
    en: 'Version {version} of these captions is no longer kept.',
    fr: 'La version {version} de ces sous-titres n’est plus conservée.',
  },
} as const;
