import type { Locale } from '../i18n/i18n.js';

/** Languages offered for a new track, most likely first (the platform's two, then by speakers in European universities). */
export const OFFERED_LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'pt', 'nl', 'ar', 'zh', 'ru', 'pl', 'ro', 'tr', 'uk', 'ja', 'oc', 'br', 'eu', 'ca', 'co'] as const;

const names = new Map<string, Intl.DisplayNames | null>();

/**
 * `fr` → "Français" (in French) or "French" (in English): the browser knows every language's
 * name. `languageName(lang, lang)` is its own name ("English", "Deutsch"), as students read it.
 */
export function languageName(lang: string, locale: Locale | string): string {
  if (!names.has(locale)) {
    try {
      names.set(locale, new Intl.DisplayNames([locale], { type: 'language' }));
    } catch {
      names.set(locale, null);
    }
  }
  let name: string | undefined;
  try {
    name = names.get(locale)?.of(lang);
  } catch {
    name = undefined;
  }
  if (!name || name === lang) return lang;
  return name.charAt(0).toLocaleUpperCase([locale]) + name.slice(1);
}

/** The primary subtag: `fr-CA` → `fr` (engines and the offered list speak primary languages). */
export function primaryLanguage(lang: string): string {
  return lang.split('-')[0]!.toLowerCase();
}
