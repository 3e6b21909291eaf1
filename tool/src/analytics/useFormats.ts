import { useMemo } from 'preact/hooks';
import { formatterFor } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { Locale } from '../i18n/i18n.js';

export interface Formats {
  number: (value: number) => string;
  /** A share 0..1 as a percentage ("42%", "42 %"). */
  percent: (share: number) => string;
  /** A calendar day YYYY-MM-DD (UTC, as the API counts them), short. */
  day: (day: string) => string;
  /** A calendar day in full (the date picker's summary, sentences). */
  longDay: (day: string) => string;
  /** An instant (ISO 8601), date and time in the viewer's time zone. */
  dateTime: (iso: string) => string;
}

/**
 * The dashboards' formats, from the shared formatter (tool/src/i18n/format.ts): the browser's
 * variant of the page language, so an en-GB browser reads 7 Dec 2026 and not Dec 7, 2026.
 */
export function makeFormats(locale: Locale, preferred?: readonly string[]): Formats {
  const format = formatterFor(locale, preferred);
  return {
    number: (value) => format.number(value),
    percent: (share) => format.percent(share),
    day: (value) => format.day(value, 'medium'),
    longDay: (value) => format.day(value, 'long'),
    dateTime: (iso) => format.dateTime(iso),
  };
}

/**
 * Formatters of the page's language, the same functions from render to render: a chart redraws
 * when its formatter changes, so they must not be new closures each time.
 */
export function useFormats(): Formats {
  const { locale } = useI18n();
  return useMemo(() => makeFormats(locale), [locale]);
}
