import type { MessageKey } from './en.js';
import { formatterFor } from './format.js';
import { t, type Locale } from './i18n.js';

/** Catalog keys that come as a `.one`/`.other` pair. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

/**
 * The `.one` or `.other` string for `count`, with `{count}` formatted for the locale. French
 * says "0 résultat" (0 and 1 are singular), English "0 results": Intl.PluralRules knows both.
 */
export function plural(locale: Locale, base: PluralBase, count: number, params: Record<string, string> = {}): string {
  const category = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return t(locale, `${base}.${category}` as MessageKey, { count: formatterFor(locale).number(count, 3), ...params });
}
