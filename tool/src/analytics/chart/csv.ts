import { fileSlug, saveFile } from '../../components/save-file.js';
import type { Locale } from '../../i18n/i18n.js';

/**
 * Excel reads the list separator of the user's region: `;` where the decimal mark is a comma
 * (French), `,` elsewhere. Cells holding either, quotes or line breaks are quoted.
 */
export function csvSeparator(locale: Locale): ';' | ',' {
  return locale === 'fr' ? ';' : ',';
}

const NEEDS_QUOTES = /[";,\r\n]|^\s|\s$/;
// A cell starting like a formula would run in a spreadsheet (CSV injection): a name typed in
// the LMS must stay text. Numbers such as -3 are left alone.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?[\d\s.,]+\s?%?$/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: string[][], separator: ';' | ','): string {
  return rows.map((row) => row.map(csvCell).join(separator)).join('\r\n') + '\r\n';
}

/**
 * Saves the CSV. UTF-8 with a byte-order mark: without it Excel reads the file in the system's
 * legacy code page and breaks accented names.
 */
export function downloadCsv(fileName: string, csv: string): void {
  saveFile(fileName, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
}

/** A file name from a title: letters, digits and dashes only, so every system accepts it. */
export function csvFileName(title: string): string {
  return `${fileSlug(title, 'amphi')}.csv`;
}
