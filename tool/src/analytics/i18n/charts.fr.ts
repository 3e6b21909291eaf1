import type { chartsEn } from './charts.en.js';

/** French strings shared by the analytics pages: the same keys as charts.en.ts. */
export const chartsFr = {
  'chart.csv': 'Télécharger en CSV',
  'chart.empty': 'Aucune donnée sur cette période.',
  'chart.canvasLabel': 'Graphique : {title}. Ses chiffres sont dans le tableau de données en dessous.',
  'chart.table.toggle': 'Afficher le tableau de données',
  'analytics.loading': 'Chargement des chiffres…',
  'analytics.col.day': 'Jour',
  'analytics.col.learner': 'Étudiant·e',
  'analytics.col.lastActivity': 'Dernière activité',
  'analytics.unnamed': 'Étudiant·e sans nom',
  'analytics.notInRoster': 'absent·e de la liste du cours',
  'analytics.never': 'jamais',
  'analytics.yes': 'Oui',
  'analytics.no': 'Non',
  'analytics.range.legend': 'Période',
  'analytics.range.from': 'Du',
  'analytics.range.to': 'Au',
  'analytics.range.apply': 'Afficher cette période',
  'analytics.range.shown': 'Chiffres du {from} au {to}.',
  'analytics.range.error.required': 'Saisissez une date.',
  'analytics.range.error.order': 'Le début doit précéder la fin ou être le même jour.',
  'analytics.range.error.span': 'Choisissez une période de {max} jours au plus.',
} as const satisfies Record<keyof typeof chartsEn, string>;
