/**
 * Server messages of src/analytics (spread into src/http/messages.ts): errors, and the risk
 * reasons in words. `{name}` placeholders take the params.
 */
export const ANALYTICS_MESSAGES = {
  'analytics-no-course': {
    en: 'This launch names no course: course analytics need one.',
    fr: 'Ce lancement ne désigne aucun cours : les statistiques d’un cours en ont besoin.',
  },
  'analytics-unknown-resource': {
    en: 'No resource {resourceId} in this course.',
    fr: 'Aucune ressource {resourceId} dans ce cours.',
  },
  'analytics-not-a-dashboard': {
    en: 'Resource {resourceId} is not a dashboard.',
    fr: 'La ressource {resourceId} n’est pas un tableau de bord.',
  },
  'analytics-no-analytics': {
    en: 'Resource {resourceId} is a {kind}: analytics exist for videos and classrooms.',
    fr: 'La ressource {resourceId} est de type {kind} : les statistiques existent pour les vidéos et les classes virtuelles.',
  },
  'dashboard-for-instructors': {
    en: 'This dashboard is for the course’s teachers. Your own progress is on the learners’ dashboard.',
    fr: 'Ce tableau de bord est réservé aux enseignants du cours. Votre propre progression se trouve sur le tableau de bord des étudiants.',
  },
  'analytics-no-user': {
    en: 'This launch names no user: there is no progress to show.',
    fr: 'Ce lancement ne désigne aucun utilisateur : il n’y a pas de progression à afficher.',
  },
  'risk.never-active': {
    en: 'Never active: no trace since the course started.',
    fr: 'Jamais actif : aucune trace depuis le début du cours.',
  },
  'risk.inactive-days': { en: 'No activity for {days} days.', fr: 'Aucune activité depuis {days} jours.' },
  'risk.activity-drop': {
    en: 'Activity down {percent} % over the last two weeks ({recent} actions, against {previous} the two weeks before).',
    fr: 'Activité en baisse de {percent} % sur les deux dernières semaines ({recent} actions, contre {previous} les deux semaines précédentes).',
  },
  'risk.missed-actions': {
    en: 'Missed {percent} % of what most of the cohort did over the last 15 days.',
    fr: 'A manqué {percent} % de ce que la plupart de la cohorte a fait ces 15 derniers jours.',
  },
  'risk.low-completion': {
    en: 'Watched {percent} % of the course’s videos on average.',
    fr: 'A regardé en moyenne {percent} % des vidéos du cours.',
  },
  'risk.low-grades': { en: 'Average grade {percent} % of the maximum.', fr: 'Note moyenne de {percent} % du maximum.' },
} as const;
