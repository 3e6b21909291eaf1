import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type Locale = 'fr' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** `{name}` placeholders take `params`; a missing parameter renders as nothing. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
}

export function translatorFor(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** fr-FR, fr_CA, FR → fr; everything else → en (same rule as the server). */
export function toLocale(value: string | null | undefined): Locale {
  return value?.trim().slice(0, 2).toLowerCase() === 'fr' ? 'fr' : 'en';
}
