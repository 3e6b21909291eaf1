import type { Messages } from './en.js';

/** French strings; `satisfies Messages` makes the compiler check they match en.ts key for key. */
export const fr = {
  'app.name': 'Amphi',
  'app.skipToContent': 'Aller au contenu principal',
  'app.defaultTitle': 'Amphi',
  'app.loading': 'Ouverture de votre session…',

  'display.toolbar': 'Réglages d’affichage',
  'display.theme': 'Thème de couleurs',
  'display.theme.light': 'Clair',
  'display.theme.dark': 'Sombre',
  'display.dyslexia': 'Adapté à la dyslexie',

  'summary.heading': 'À propos de ce lancement',
  'summary.user': 'Connecté·e en tant que',
  'summary.anonymous': 'anonyme',
  'summary.role': 'Rôle',
  'summary.course': 'Cours',
  'summary.noCourse': 'Aucun cours',
  'summary.platform': 'Plateforme',
  'summary.locale': 'Langue',

  'role.admin': 'Administrateur·rice',
  'role.instructor': 'Enseignant·e',
  'role.learner': 'Étudiant·e',

  'language.en': 'Anglais',
  'language.fr': 'Français',

  'route.resource.heading': 'Ressource reçue',
  'route.resource.body':
    'Amphi a bien reçu le lancement de cette ressource. Sa page (vidéo, classe virtuelle ou tableau de bord) apparaîtra ici dans une prochaine version.',
  'route.resource.id': 'Identifiant de la ressource',

  'route.unconfigured.staff.heading': 'Ce lien n’est pas encore configuré',
  'route.unconfigured.staff.body':
    'Quand la sélection de contenu sera disponible dans Amphi, vous choisirez ici ce que ce lien ouvre : une vidéo, une classe virtuelle ou un tableau de bord.',
  'route.unconfigured.learner.heading': 'Cette activité n’est pas encore prête',
  'route.unconfigured.learner.body': 'Votre enseignant·e n’a pas fini de la configurer. Revenez un peu plus tard.',

  'route.deepLinking.heading': 'Demande de sélection de contenu',
  'route.deepLinking.body':
    '{platform} demande à Amphi de choisir un contenu à ajouter à votre cours. La sélection de contenu n’est pas encore disponible : elle arrive dans une prochaine version d’Amphi.',
  'route.deepLinking.nothingAdded': 'Rien n’a été ajouté à votre cours.',

  'error.heading': 'Amphi n’a pas pu ouvrir votre session',
  'error.noBootstrap':
    'Cette page ne fonctionne qu’ouverte depuis une activité de cours. Rouvrez l’activité depuis votre cours.',
  'error.session-required': 'Votre session Amphi est absente ou a expiré. Rouvrez l’activité depuis le cours.',
  'error.forbidden': 'Votre rôle dans ce cours ne le permet pas.',
  'error.network': 'Amphi est injoignable. Vérifiez votre connexion, puis rouvrez l’activité.',
  'error.generic': 'Une erreur s’est produite du côté d’Amphi. Réessayez dans un instant.',
  'error.details': 'Détails :',
  'error.reference': 'Référence :',
  'session.expired': 'Votre session est terminée. Rouvrez l’activité depuis votre cours pour continuer.',
} satisfies Messages;
