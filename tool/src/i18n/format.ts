import type { Locale } from './i18n.js';

/**
 * Numbers, dates, durations and sizes for the page's language, all through Intl.
 *
 * The page speaks `fr` or `en`, but `en` alone makes Intl write US dates: the browser's own
 * language is used when it is a variant of the page's (en-GB gets 07/12/2026, en-US 12/7/2026),
 * the bare language otherwise.
 */
export function intlLocale(locale: Locale, preferred: readonly string[] = browserLanguages()): string {
  const match = preferred.find((tag) => tag.toLowerCase().split('-')[0] === locale);
  if (!match) return locale === 'fr' ? 'fr-FR' : 'en';
  try {
    return Intl.getCanonicalLocales(match)[0] ?? locale;
  } catch {
    return locale;
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${tag}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(tag, options)));
  return format;
}

function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${tag}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(tag, options)));
  return format;
}

export interface Formatter {
  /** The BCP 47 tag Intl uses (fr-FR, en-GB, en). */
  readonly tag: string;
  number(value: number, maximumFractionDigits?: number): string;
  /** A share 0..1: "42%" in English, "42 %" in French. */
  percent(share: number): string;
  /** A whole percentage 0..100 (progress bars). */
  percentValue(value: number): string;
  /** A date (ISO string, Date or epoch ms), short: 7 Dec 2026 / 7 déc. 2026. */
  date(value: string | number | Date, style?: 'short' | 'medium' | 'long' | 'full'): string;
  /** Date and time in the viewer's time zone. */
  dateTime(value: string | number | Date): string;
  time(value: string | number | Date): string;
  /** A calendar day YYYY-MM-DD as the API counts them (UTC). */
  day(value: string, style?: 'short' | 'medium' | 'long'): string;
  /** Bytes in binary units, the way limits are set: 5 GiB / 5 Gio, 31.5 MiB / 31,5 Mio. */
  size(bytes: number): string;
  /** "1 h 5 min", "2 min 10 s", "45 s": the two largest units. */
  duration(seconds: number): string;
  /** A list: "a, b and c" / "a, b et c". */
  list(items: readonly string[]): string;
}

const SIZE_UNITS: Record<Locale, readonly string[]> = {
  en: ['B', 'KiB', 'MiB', 'GiB', 'TiB'],
  fr: ['o', 'Kio', 'Mio', 'Gio', 'Tio'],
};

function asDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function formatterFor(locale: Locale, preferred?: readonly string[]): Formatter {
  const tag = intlLocale(locale, preferred);
  return {
    tag,
    number: (value, digits = 1) => numberFormat(tag, { maximumFractionDigits: digits }).format(value),
    percent: (share) => numberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    percentValue: (value) => numberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100),
    date: (value, style = 'medium') => dateFormat(tag, { dateStyle: style }).format(asDate(value)),
    dateTime: (value) => dateFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(asDate(value)),
    time: (value) => dateFormat(tag, { timeStyle: 'short' }).format(asDate(value)),
    day: (value, style = 'medium') => dateFormat(tag, { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${value.slice(0, 10)}T00:00:00Z`)),
    size: (bytes) => {
      let value = Math.max(0, bytes);
      let unit = 0;
      while (value >= 1024 && unit < SIZE_UNITS[locale].length - 1) {
        value /= 1024;
        unit += 1;
      }
      const digits = unit === 0 || value >= 100 ? 0 : 1;
      return `${numberFormat(tag, { maximumFractionDigits: digits }).format(value)}\u00a0${SIZE_UNITS[locale][unit]}`;
    },
    duration: (seconds) => {
      const total = Math.max(0, Math.round(seconds));
      const parts: [number, 'hour' | 'minute' | 'second'][] = [
        [Math.floor(total / 3600), 'hour'],
        [Math.floor((total % 3600) / 60), 'minute'],
        [total % 60, 'second'],
      ];
      const first = parts.findIndex(([n]) => n > 0);
      if (first < 0) return numberFormat(tag, { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(0);
      return parts
        .slice(first, first + 2)
        .filter(([n]) => n > 0)
        .map(([n, unit]) => numberFormat(tag, { style: 'unit', unit, unitDisplay: 'short' }).format(n))
        .join(' ');
    },
    list: (items) => new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }).format(items),
  };
}
