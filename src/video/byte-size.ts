/** Sizes as people write and read them (upload limits, refusals, the CLI). */

const SIZE_UNITS = {
  en: ['B', 'KiB', 'MiB', 'GiB', 'TiB'],
  fr: ['o', 'Kio', 'Mio', 'Gio', 'Tio'],
} as const;

/**
 * 5 * 1024 ** 3 → "5 GiB" ("5 Gio" in French): binary units, as limits are set and as the tool
 * writes them (tool/src/i18n/format.ts), so a refusal and the page say the same size.
 */
export function formatBytes(bytes: number, locale: 'en' | 'fr' = 'en'): string {
  const units = SIZE_UNITS[locale];
  let i = 0;
  let v = Math.max(0, bytes);
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en', { maximumFractionDigits: digits }).format(v);
  return `${number}\u00a0${units[i]}`;
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** "2GB", "500 MB", "1.5GiB", "1073741824" → bytes; "default" → null (the server's VIDEO_MAX_UPLOAD_BYTES). */
export function parseUploadLimit(value: string): number | null | undefined {
  if (value.trim().toLowerCase() === 'default') return null;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?$/i.exec(value.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
  return bytes >= 1024 ? bytes : undefined;
}

