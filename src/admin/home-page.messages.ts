import type { Locale } from '../http/messages.js';

/** The words of the page at `/` (src/admin/home-page.routes.ts), in both languages. */
export const HOME_PAGE_MESSAGES = {
  title: { en: 'For administrators', fr: 'Pour les administrateur·rices' },
  heading: { en: 'Amphi, an LTI 1.3 tool for Moodle', fr: 'Amphi, un outil LTI 1.3 pour Moodle' },
  intro: {
    en: 'Students and teachers open Amphi from their Moodle courses, not from this address. This page is for the administrators who install Amphi and register it in Moodle.',
    fr: 'Étudiant·es et enseignant·es ouvrent Amphi depuis leurs cours Moodle, pas depuis cette adresse. Cette page s’adresse aux administrateur·rices qui installent Amphi et l’enregistrent dans Moodle.',
  },
  linksHeading: { en: 'Installing and registering Amphi', fr: 'Installer et enregistrer Amphi' },
  config: { en: 'Registration configuration', fr: 'Configuration de l’enregistrement' },
  configText: {
    en: ': the values to enter in Moodle, and how to register Amphi dynamically.',
    fr: ' : les valeurs à saisir dans Moodle, et comment enregistrer Amphi de façon dynamique.',
  },
  guide: { en: 'Installation and registration guide', fr: 'Guide d’installation et d’enregistrement' },
  guideText: {
    en: ': the section “Register Amphi in Moodle” of the README.md file, at the root of Amphi’s source code (the operator who installed this server has it).',
    fr: ' : la section « Register Amphi in Moodle » du fichier README.md, à la racine du code source d’Amphi (en anglais ; la personne qui a installé ce serveur l’a entre les mains).',
  },
  ready: { en: 'Readiness check', fr: 'État de disponibilité' },
  readyText: {
    en: ': answers 200 when the database is reachable and up to date, for monitoring and load balancers.',
    fr: ' : répond 200 quand la base de données est joignable et à jour, pour la supervision et les répartiteurs de charge.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
