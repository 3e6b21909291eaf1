import type { MessageKey, Messages } from './en.js';

export type Locale = 'fr' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

// One chunk per language: a page downloads only the catalogue it speaks (each holds every feature's strings).
const loaders: Record<Locale, () => Promise<Messages>> = {
  en: () => import('./en.js').then((m) => m.en),
  fr: () => import('./fr.js').then((m) => m.fr),
};
const catalogs: Partial<Record<Locale, Messages>> = {};

/** Fetches a language's catalogue; `t` in that language works once this resolves. */
export async function loadCatalog(locale: Locale): Promise<void> {
  catalogs[locale] ??= await loaders[locale]();
}

// Outside a browser (Node: the tests translating what they expect to read) no page waits for a
// language: both are there from the start, as they were before the split.
if (typeof document === 'undefined') await Promise.all([loadCatalog('en'), loadCatalog('fr')]);

/** `{name}` placeholders take `params`; a missing parameter renders as nothing. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  // The app renders only once its language is loaded (main.tsx, App); the key is a last resort.
  const message = catalogs[locale]?.[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
}

export function translatorFor(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** fr-FR, fr_CA, FR → fr; everything else → en (same rule as the server). */
export function toLocale(value: string | null | undefined): Locale {
  return value?.trim().slice(0, 2).toLowerCase() === 'fr' ? 'fr' : 'en';
}
