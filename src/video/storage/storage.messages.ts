/** Server messages of media storage (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const STORAGE_MESSAGES = {
  'media-storage-unavailable': {
    en: 'The video could not be stored: the media storage cannot be reached right now. Nothing was kept; try again later or tell the administrators.',
    fr: 'La vidéo n’a pas pu être enregistrée : le stockage des médias est injoignable pour le moment. Rien n’a été conservé ; réessayez plus tard ou prévenez les administrateur·rices.',
  },
  'media-storage-unreachable': {
    en: 'This video cannot be played right now: the media storage cannot be reached. Try again in a moment.',
    fr: 'Cette vidéo ne peut pas être lue pour le moment : le stockage des médias est injoignable. Réessayez dans un instant.',
  },
  'media-migrate-no-bucket': {
    en: 'amphi media migrate --to s3 needs the bucket settings in this environment: S3_BUCKET, and S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY as your store needs them.',
    fr: 'amphi media migrate --to s3 a besoin des réglages du bucket dans cet environnement : S3_BUCKET, et S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY selon votre stockage.',
  },
  'media-migrate-already-s3': {
    en: 'MEDIA_STORAGE is already s3: the media are read from the bucket. Run the migration with MEDIA_STORAGE=local (the library to copy is on this disk).',
    fr: 'MEDIA_STORAGE vaut déjà s3 : les médias sont lus dans le bucket. Lancez la migration avec MEDIA_STORAGE=local (la bibliothèque à copier est sur ce disque).',
  },
  'media-migrate-failed': {
    en: 'The copy to the bucket stopped: {reason}. What was copied is kept; run the command again to go on.',
    fr: 'La copie vers le bucket s’est arrêtée : {reason}. Ce qui a été copié est conservé ; relancez la commande pour continuer.',
  },
} as const;
