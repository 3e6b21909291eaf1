/** Server messages of src/lti/registration (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const REGISTRATION_MESSAGES = {
  'registration-code-required': {
    en: 'This Amphi registers a new platform only with a registration URL from its operator. Ask them for one (they create it with amphi registration open), then paste that URL into Moodle instead of this one. Moodle’s Update of a platform already registered needs no such URL only when Amphi knows that tool’s deployment id: a platform added with amphi platform add without --deployment, and never launched since, needs one too.',
    fr: 'Cet Amphi n’enregistre une nouvelle plateforme qu’avec une URL d’enregistrement fournie par son exploitant. Demandez-lui en une (il la crée avec amphi registration open), puis collez cette URL dans Moodle à la place de celle-ci. La mise à jour (Mettre à jour, dans Moodle) d’une plateforme déjà enregistrée s’en passe seulement si Amphi connaît l’identifiant de déploiement de cet outil : une plateforme ajoutée avec amphi platform add sans --deployment, et jamais lancée depuis, en a besoin aussi.',
  },
  'registration-code-invalid': {
    en: 'This registration URL is unknown, expired or already used. Ask the operator of this Amphi for a new one (amphi registration open). Moodle’s Update of a platform already registered works with a used URL only when Amphi knows that tool’s deployment id: not for a platform added with amphi platform add without --deployment and never launched since.',
    fr: 'Cette URL d’enregistrement est inconnue, expirée ou déjà utilisée. Demandez-en une nouvelle à l’exploitant de cet Amphi (amphi registration open). La mise à jour (Mettre à jour, dans Moodle) d’une plateforme déjà enregistrée fonctionne avec une URL utilisée seulement si Amphi connaît l’identifiant de déploiement de cet outil : pas pour une plateforme ajoutée avec amphi platform add sans --deployment et jamais lancée depuis.',
  },
  'registration-code-in-use': {
    en: 'This registration URL is in use by a registration in progress. If that one fails, the URL can be used again (two minutes later at most); otherwise ask the operator of this Amphi for a new one (amphi registration open).',
    fr: 'Cette URL d’enregistrement sert à un enregistrement en cours. S’il échoue, elle redevient utilisable (au plus tard deux minutes après) ; sinon, demandez-en une nouvelle à l’exploitant de cet Amphi (amphi registration open).',
  },
  'registration-platform-known': {
    en: 'A platform with issuer {issuer} is already registered on this Amphi, and only that platform can change its registration (in Moodle: Update on the tool’s card). This registration is refused: {reason}. Nothing was changed.',
    fr: 'Une plateforme d’émetteur {issuer} est déjà enregistrée sur cet Amphi, et seule cette plateforme peut modifier son enregistrement (dans Moodle : Mettre à jour, sur la carte de l’outil). Cet enregistrement est refusé : {reasonFr}. Rien n’a été modifié.',
  },
  'registration-origin-mismatch': {
    en: 'The platform configuration served from {configurationOrigin} claims the issuer {issuerOrigin}: a configuration and its issuer must be on the same origin (scheme, host and port).',
    fr: 'La configuration de plateforme servie depuis {configurationOrigin} se réclame de l’émetteur {issuerOrigin} : une configuration et son émetteur doivent avoir la même origine (schéma, hôte et port).',
  },
  'registration-endpoint-origin': {
    en: 'The platform configuration’s {field} ({origin}) is not on the issuer’s origin {issuerOrigin}; Amphi calls and trusts only endpoints of the platform itself.',
    fr: 'Le {field} de la configuration de plateforme ({origin}) n’est pas sur l’origine de l’émetteur {issuerOrigin} ; Amphi n’appelle et ne fait confiance qu’aux points d’accès de la plateforme elle-même.',
  },
  'unknown-registration-code': {
    en: 'No registration code has id or code {ref} (see amphi registration list).',
    fr: 'Aucun code d’enregistrement n’a l’identifiant ou le code {ref} (voir amphi registration list).',
  },
  'registration-code-not-open': {
    en: 'Registration code {id} is {state}: only an open code can be closed.',
    fr: 'Le code d’enregistrement {id} est {state} : seul un code ouvert peut être fermé.',
  },
  'page.ltiConfig.dynamicTitle': { en: 'Dynamic registration (recommended)', fr: 'Enregistrement dynamique (recommandé)' },
  'page.ltiConfig.dynamicOpen': {
    en: 'In Moodle: Site administration › Plugins › External tool › Manage tools, paste this URL and press “Add LTI Advantage”:',
    fr: 'Dans Moodle : Administration du site › Plugins › Outils externes › Gérer les outils, collez cette URL puis « Ajouter LTI Advantage » :',
  },
  'page.ltiConfig.dynamicCode': {
    en: 'Ask the operator of this Amphi for a registration URL: they create a single-use one with amphi registration open. Then, in Moodle: Site administration › Plugins › External tool › Manage tools, paste it and press “Add LTI Advantage”.',
    fr: 'Demandez à l’exploitant de cet Amphi une URL d’enregistrement : il en crée une à usage unique avec amphi registration open. Ensuite, dans Moodle : Administration du site › Plugins › Outils externes › Gérer les outils, collez-la puis « Ajouter LTI Advantage ».',
  },
  'page.ltiConfig.dynamicClosed': {
    en: 'Dynamic registration is turned off on this Amphi: use the manual configuration below.',
    fr: 'L’enregistrement dynamique est désactivé sur cet Amphi : utilisez la configuration manuelle ci-dessous.',
  },
} as const;
