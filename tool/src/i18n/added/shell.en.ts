/** English strings added during the finishing pass (issue 17). */
export const addedShellEn = {
  'shell.language': 'Language',
  // Each language is named in itself, in both catalogues: a reader looks for their own.
  'shell.language.option.en': 'English',
  'shell.language.option.fr': 'Français',
  'shell.language.notSaved': 'Your language choice could not be saved: it applies to this page only.',
  'shell.admin.heading': 'Administration',
  'shell.admin.intro': 'Shown to the platform’s administrators only.',
} as const;
