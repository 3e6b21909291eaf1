/**
 * Server-rendered text in both languages. Error codes are the stable `code` of AppError and
 * the problem+json `type` suffix; `{name}` placeholders take the error's params.
 */
export type Locale = 'fr' | 'en';

/** One message in both languages. */
export interface Message {
  en: string;
  fr: string;
}

/** The messages of the shared layers, and of the features that keep no *.messages.ts of their own. */
const SHARED_MESSAGES = {
  'not-found': { en: 'Nothing here.', fr: 'Il n’y a rien ici.' },
  'internal-error': {
    en: 'Something went wrong on Amphi’s side. The problem has been logged; please try again.',
    fr: 'Une erreur s’est produite du côté d’Amphi. Le problème a été enregistré ; réessayez.',
  },
  'invalid-request': { en: 'The request is not valid: {details}', fr: 'La requête n’est pas valide : {details}' },
  'body-too-large': { en: 'The request body is larger than the {limit} accepted.', fr: 'Le corps de la requête dépasse la limite de {limit}.' },
  'malformed-body': { en: 'The request body could not be read: {reason}', fr: 'Le corps de la requête est illisible : {reason}' },
  'xapi-request': { en: '{reason}', fr: '{reason}' },
  'unsupported-media-type': { en: 'This endpoint does not accept {type}.', fr: 'Ce point d’accès n’accepte pas {type}.' },
  'unknown-platform': {
    en: 'No platform is registered with issuer {issuer}{clientIdPart}. An administrator must register Amphi on this platform first.',
    fr: 'Aucune plateforme n’est enregistrée avec l’émetteur {issuer}{clientIdPart}. Un·e administrateur·rice doit d’abord enregistrer Amphi sur cette plateforme.',
  },
  'unknown-platform-id': {
    en: 'No platform has id {id} (see amphi platform list).',
    fr: 'Aucune plateforme n’a l’identifiant {id} (voir amphi platform list).',
  },
  'unknown-lrs-credential': {
    en: 'No active LRS credential has id or key {idOrKey} (see amphi lrs credentials list).',
    fr: 'Aucun identifiant LRS actif n’a l’id ou la clé {idOrKey} (voir amphi lrs credentials list).',
  },
  'ambiguous-platform': {
    en: 'Several registrations exist for issuer {issuer}; the platform must send client_id.',
    fr: 'Plusieurs enregistrements existent pour l’émetteur {issuer} ; la plateforme doit envoyer client_id.',
  },
  'invalid-target-link-uri': {
    en: 'target_link_uri {uri} does not point at this Amphi ({publicUrl}).',
    fr: 'target_link_uri {uri} ne désigne pas cet Amphi ({publicUrl}).',
  },
  'embed-auth-unavailable': {
    en: 'Content embedded in a text launches through Moodle’s local_amphi plugin, next to Moodle’s mod/lti/auth.php; this platform’s authorization URL ({authUrl}) is not Moodle’s.',
    fr: 'Un contenu intégré dans un texte se lance par le plugin local_amphi de Moodle, à côté de mod/lti/auth.php ; l’URL d’autorisation de cette plateforme ({authUrl}) n’est pas celle d’un Moodle.',
  },
  'unknown-state': {
    en: 'This launch is unknown, expired or already used. Go back to the course and open the activity again.',
    fr: 'Ce lancement est inconnu, expiré ou déjà utilisé. Revenez au cours et ouvrez l’activité à nouveau.',
  },
  'invalid-id-token': { en: 'The launch token was refused: {reason}', fr: 'Le jeton de lancement a été refusé : {reason}' },
  'invalid-claims': { en: 'The launch is missing required LTI data: {details}', fr: 'Il manque des données LTI obligatoires au lancement : {details}' },
  'unknown-deployment': {
    en: 'Deployment {deploymentId} is not registered for this platform. An administrator must add it (amphi platform add … --deployment) or allow new deployments.',
    fr: 'Le déploiement {deploymentId} n’est pas enregistré pour cette plateforme. Un·e administrateur·rice doit l’ajouter (amphi platform add … --deployment) ou autoriser les nouveaux déploiements.',
  },
  'unsupported-message-type': {
    en: 'Amphi does not handle LTI messages of type {messageType}.',
    fr: 'Amphi ne traite pas les messages LTI de type {messageType}.',
  },
  'session-required': {
    en: 'Your Amphi session is missing or has expired. Open the activity again from the course.',
    fr: 'Votre session Amphi est absente ou a expiré. Rouvrez l’activité depuis le cours.',
  },
  forbidden: { en: 'Your role in this course does not allow this.', fr: 'Votre rôle dans ce cours ne le permet pas.' },
  'registration-closed': {
    en: 'Dynamic registration is closed on this Amphi. Ask its administrators to register your platform.',
    fr: 'L’enregistrement dynamique est fermé sur cet Amphi. Demandez à ses administrateur·rices d’enregistrer votre plateforme.',
  },
  'registration-failed': { en: 'Registration failed: {reason}', fr: 'L’enregistrement a échoué : {reason}' },
  'external-service': { en: '{service} could not be reached or refused: {reason}', fr: '{service} est injoignable ou a refusé : {reason}' },
  'platform-exists': {
    en: 'A platform with issuer {issuer} and client_id {clientId} is already registered.',
    fr: 'Une plateforme d’émetteur {issuer} et de client_id {clientId} est déjà enregistrée.',
  },
  'resource-not-found': {
    en: 'No resource {resourceId} exists on this platform.',
    fr: 'Aucune ressource {resourceId} n’existe sur cette plateforme.',
  },
  'resource-forbidden': {
    en: 'This resource belongs to another course, and you did not create it.',
    fr: 'Cette ressource appartient à un autre cours et vous ne l’avez pas créée.',
  },
  'course-forbidden': {
    en: 'You have no resources in course {courseId}: its content is not yours to list.',
    fr: 'Vous n’avez aucune ressource dans le cours {courseId} : son contenu ne vous est pas accessible.',
  },
  'score-maximum-required': {
    en: 'A graded resource needs a maximum score greater than 0.',
    fr: 'Une ressource notée a besoin d’une note maximale supérieure à 0.',
  },
  'no-resource-link': {
    en: 'This launch did not come from an activity: there is nothing to attach the content to.',
    fr: 'Ce lancement ne vient pas d’une activité : il n’y a rien à quoi rattacher le contenu.',
  },
  'not-deep-linking': {
    en: 'Only a content selection launch (deep linking) can send content back to the course. Start again from “Select content” in the course.',
    fr: 'Seul un lancement de sélection de contenu (deep linking) peut renvoyer du contenu au cours. Recommencez depuis « Sélectionner un contenu » dans le cours.',
  },
  'deep-linking-types': {
    en: 'The platform does not accept activity links (ltiResourceLink) here; it accepts: {accepted}.',
    fr: 'La plateforme n’accepte pas de liens d’activité (ltiResourceLink) ici ; elle accepte : {accepted}.',
  },
  'deep-linking-multiple': {
    en: 'The platform accepts one item at a time here; {count} were selected.',
    fr: 'La plateforme n’accepte qu’un élément à la fois ici ; {count} ont été sélectionnés.',
  },
  'deep-linking-target': {
    en: 'The platform cannot show content as “{target}”; it accepts: {accepted}.',
    fr: 'La plateforme ne peut pas afficher de contenu en « {target} » ; elle accepte : {accepted}.',
  },
  'roster-needs-course': {
    en: 'This launch did not come from a course: there is no class list to show.',
    fr: 'Ce lancement ne vient pas d’un cours : il n’y a pas de liste de participants à afficher.',
  },
  'resource-not-gradable': {
    en: '“{title}” is not graded: turn grading on for it before giving scores.',
    fr: '« {title} » n’est pas noté : activez la notation avant de donner des notes.',
  },
  'score-out-of-range': {
    en: 'A score must be between 0 and {scoreMaximum}; {scoreGiven} was given.',
    fr: 'Une note doit être comprise entre 0 et {scoreMaximum} ; {scoreGiven} a été donné.',
  },
  'grade-link-mismatch': {
    en: 'Activity {resourceLinkId} is not an activity of this resource’s course on this platform: its gradebook cannot receive this score.',
    fr: 'L’activité {resourceLinkId} n’est pas une activité du cours de cette ressource sur cette plateforme : son carnet de notes ne peut pas recevoir cette note.',
  },
  'learner-not-in-course': {
    en: 'This person is not a learner of the resource’s course: Amphi sends grades for the course’s learners only.',
    fr: 'Cette personne n’est pas apprenante dans le cours de la ressource : Amphi n’envoie de notes que pour les apprenant·es du cours.',
  },
  'grades-unavailable': {
    en: 'The platform does not let Amphi send grades to this course (missing: {missing}). Ask the site administrator to enable grade sync (Assignment and Grade Services) for Amphi.',
    fr: 'La plateforme ne permet pas à Amphi d’envoyer des notes dans ce cours (manque : {missing}). Demandez à l’administrateur·rice du site d’activer la synchronisation des notes (Assignment and Grade Services) pour Amphi.',
  },
  'grades-other-course': {
    en: 'The grades of this resource are managed from its own course: open Amphi from that course.',
    fr: 'Les notes de cette ressource se gèrent depuis son propre cours : ouvrez Amphi depuis ce cours.',
  },
  'video-statement-refused': {
    en: 'Statement {index} of the batch was refused (nothing was recorded): {reason}',
    fr: 'La déclaration {index} du lot a été refusée (rien n’a été enregistré) : {reason}',
  },
  'upload-needs-user': {
    en: 'This launch did not say who you are: uploads belong to a person, so Amphi cannot accept one here.',
    fr: 'Ce lancement n’indique pas qui vous êtes : un dépôt appartient à une personne, Amphi ne peut donc pas l’accepter ici.',
  },
  'tracking-needs-user': {
    en: 'This launch did not say who you are: Amphi cannot record your viewing.',
    fr: 'Ce lancement n’indique pas qui vous êtes : Amphi ne peut pas enregistrer votre visionnage.',
  },
  'admin-token-required': { en: 'A valid admin token is required.', fr: 'Un jeton d’administration valide est requis.' },

  // Video (src/video)
  'not-a-video': { en: 'Resource {resourceId} is not a video.', fr: 'La ressource {resourceId} n’est pas une vidéo.' },
  'chapter-outside-video': {
    en: 'Chapter “{title}” starts at {startSeconds} s, after the end of the video ({duration} s).',
    fr: 'Le chapitre « {title} » commence à {startSeconds} s, après la fin de la vidéo ({duration} s).',
  },
  'nothing-to-retry': { en: 'No failed video is waiting to be processed again.', fr: 'Aucune vidéo en échec n’attend d’être traitée à nouveau.' },
  'nothing-to-cancel': { en: 'No video is being processed for this resource.', fr: 'Aucune vidéo n’est en cours de traitement pour cette ressource.' },
  'upload-metadata': {
    en: 'The upload must name its resource and file (Upload-Metadata resourceId, filename): {details}',
    fr: 'L’envoi doit indiquer sa ressource et son fichier (Upload-Metadata resourceId, filename) : {details}',
  },
  'upload-not-found': {
    en: 'This upload does not exist, has expired or belongs to someone else.',
    fr: 'Cet envoi n’existe pas, a expiré ou appartient à quelqu’un d’autre.',
  },
  'upload-too-large': {
    en: 'This file ({size}) is larger than the {limit} this platform accepts for a video.',
    fr: 'Ce fichier ({size}) dépasse la limite de {limit} acceptée par cette plateforme pour une vidéo.',
  },
  'upload-disk-full': {
    en: 'The server does not have enough free space for this file right now ({free} free). Try again later or ask the administrators.',
    fr: 'Le serveur n’a pas assez d’espace libre pour ce fichier actuellement ({free} disponibles). Réessayez plus tard ou prévenez les administrateur·rices.',
  },
  'video-tools-missing': {
    en: 'Video processing is not available on this server (ffmpeg cannot be started); the file was not kept. Please tell the administrators.',
    fr: 'Le traitement vidéo n’est pas disponible sur ce serveur (ffmpeg ne peut pas être lancé) ; le fichier n’a pas été conservé. Merci de prévenir les administrateur·rices.',
  },
  'media-refused': { en: 'This file cannot be used as a video: {reason}', fr: 'Ce fichier ne peut pas servir de vidéo : {reason}' },
  'media-refused.empty': { en: 'it is empty.', fr: 'il est vide.' },
  'media-refused.not-media': {
    en: 'it is not a video or audio file (its content is not a known media format, whatever its name).',
    fr: 'ce n’est pas un fichier vidéo ou audio (son contenu n’est pas un format connu, quel que soit son nom).',
  },
  'media-refused.no-streams': { en: 'it contains neither video nor sound.', fr: 'il ne contient ni image ni son.' },
  'media-refused.truncated': {
    en: 'it is incomplete (cut off before its end). Export it again from the source and upload it again.',
    fr: 'il est incomplet (coupé avant la fin). Exportez-le à nouveau depuis la source et renvoyez-le.',
  },
  'media-refused.undecodable': {
    en: 'its video or sound cannot be decoded (damaged file or unsupported codec).',
    fr: 'son image ou son son ne peut pas être décodé (fichier abîmé ou codec non pris en charge).',
  },
  'media-link-invalid': {
    en: 'This media link is invalid or has expired. Reload the page to get a new one.',
    fr: 'Ce lien vers le média n’est pas valide ou a expiré. Rechargez la page pour en obtenir un nouveau.',
  },

  'page.error.title': { en: 'Amphi cannot open this', fr: 'Amphi ne peut pas ouvrir cette page' },
  'page.error.reference': { en: 'Reference:', fr: 'Référence\u00a0:' },
  'page.cookies.title': { en: 'Your browser blocked Amphi’s cookie', fr: 'Votre navigateur a bloqué le cookie d’Amphi' },
  'page.cookies.body': {
    en: 'Amphi is shown inside your course page, and your browser does not let it keep the small cookie that proves this launch is yours. Open Amphi in a new window to continue: nothing else is needed.',
    fr: 'Amphi s’affiche à l’intérieur de votre page de cours, et votre navigateur l’empêche de garder le petit cookie qui prouve que ce lancement est bien le vôtre. Ouvrez Amphi dans une nouvelle fenêtre pour continuer : rien d’autre n’est nécessaire.',
  },
  'page.cookies.button': { en: 'Open Amphi in a new window', fr: 'Ouvrir Amphi dans une nouvelle fenêtre' },
  'page.registered.title': { en: 'Amphi is registered', fr: 'Amphi est enregistré' },
  'page.registered.body': {
    en: 'Amphi is now registered with {platform}. You can close this window; an administrator may still need to activate the tool in the platform.',
    fr: 'Amphi est maintenant enregistré auprès de {platform}. Vous pouvez fermer cette fenêtre ; un·e administrateur·rice doit peut-être encore activer l’outil sur la plateforme.',
  },
  'page.registered.close': { en: 'Close', fr: 'Fermer' },
} as const satisfies Record<string, Message>;

type SharedMessages = typeof SHARED_MESSAGES;

/**
 * Every message, keyed by code. This shared layer imports no feature, so features' catalogues
 * come in from the composition root (src/message-catalogs.ts): their types by merging into this
 * interface (a code without a message does not compile), their text through addMessages.
 */
export interface MessageCatalog extends SharedMessages {}

const catalog: Record<string, Message> = { ...SHARED_MESSAGES };

/** Adds features' catalogues; a code given two different texts is a mistake, refused at start. */
export function addMessages(...catalogues: Record<string, Message>[]): void {
  const added = new Map<string, Message>();
  for (const [key, message] of catalogues.flatMap((messages) => Object.entries(messages))) {
    const known = added.get(key) ?? catalog[key];
    if (known && (known.en !== message.en || known.fr !== message.fr)) throw new Error(`Message ${key} is defined twice, with different texts.`);
    added.set(key, message);
  }
  for (const [key, message] of added) catalog[key] = message;
}

export type MessageKey = keyof MessageCatalog & string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalog, key);
}

/**
 * A parameter `x` of a French message is `xFr` when the thrower gave one: zod's issues, parsers'
 * reasons and other texts written in English come with their French so a French page is French.
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  // A code whose catalogue was not added shows as itself rather than failing the error page.
  const template: string = catalog[key]?.[locale] ?? key;
  const value = (name: string) => (locale === 'fr' && params[`${name}Fr`] !== undefined ? params[`${name}Fr`] : params[name]);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (value(name) === undefined ? '' : String(value(name))));
}

/** fr-FR, fr_CA, FR → fr; everything else → en. */
export function toLocale(value: string | undefined | null): Locale | undefined {
  if (!value) return undefined;
  const lang = value.trim().slice(0, 2).toLowerCase();
  return lang === 'fr' ? 'fr' : lang === 'en' ? 'en' : undefined;
}

/** The first supported language in an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^q=([\d.]+)$/.exec(r.trim())?.[1]).find(Boolean);
      return { locale: toLocale(tag), q: q ? Number(q) : 1 };
    })
    .filter((x): x is { locale: Locale; q: number } => x.locale !== undefined)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.locale;
}
