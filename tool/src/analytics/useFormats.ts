import { useMemo } from 'preact/hooks';
import { useI18n } from '../i18n/I18nContext.js';
import type { Locale } from '../i18n/i18n.js';

export interface Formats {
  number: (value: number) => string;
  /** A share 0..1 as a percentage ("42 %"). */
  percent: (share: number) => string;
  /** A calendar day YYYY-MM-DD (UTC, as the API counts them), short. */
  day: (day: string) => string;
  /** A calendar day in full (the date picker's summary, sentences). */
  longDay: (day: string) => string;
  /** An instant (ISO 8601), date and time in the viewer's time zone. */
  dateTime: (iso: string) => string;
}

export function makeFormats(locale: Locale): Formats {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const longDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const asDay = (value: string) => new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return {
    number: (value) => number.format(value),
    percent: (share) => percent.format(share),
    day: (value) => day.format(asDay(value)),
    longDay: (value) => longDay.format(asDay(value)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
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
