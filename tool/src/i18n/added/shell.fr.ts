import type { addedShellEn } from './shell.en.js';

export const addedShellFr: Record<keyof typeof addedShellEn, string> = {
  'shell.language': 'Langue',
  'shell.language.option.en': 'English',
  'shell.language.option.fr': 'Français',
  'shell.language.notSaved': 'Votre choix de langue n’a pas pu être enregistré : il ne vaut que pour cette page.',
  'shell.admin.heading': 'Administration',
  'shell.admin.intro': 'Visible uniquement par les administrateur·rices de la plateforme.',
};
