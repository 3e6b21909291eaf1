/** Server messages of src/privacy (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const PRIVACY_MESSAGES = {
  'unknown-learner': {
    en: 'Amphi holds no data about user {sub} on platform {platformId}: no launch, roster row, learning trace or record names them. Nothing was changed.',
    fr: 'Amphi ne détient aucune donnée sur l’utilisateur·rice {sub} de la plateforme {platformId} : aucun lancement, aucune ligne de liste de participants, aucune trace ni aucun enregistrement ne le ou la désigne. Rien n’a été modifié.',
  },
  'erase-not-confirmed': {
    en: 'Erasure deletes this learner’s data for good: confirm it with --yes.',
    fr: 'L’effacement supprime définitivement les données de cette personne : confirmez avec --yes.',
  },
} as const;
