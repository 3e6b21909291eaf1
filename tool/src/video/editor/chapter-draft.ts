import type { ApiError } from '../../api/api-client.js';
import type { FieldMessage } from '../../components/FieldError.js';
import type { Translate } from '../../i18n/i18n.js';
import { formatTime, parseTime } from './chapter-time.js';

/** A chapter as typed: the start as text (`m:ss`), a key that survives reordering. */
export interface ChapterRow {
  key: string;
  start: string;
  title: string;
}

export interface Chapter {
  startSeconds: number;
  title: string;
}

export type ChapterErrors = Record<string, { start?: FieldMessage; title?: FieldMessage }>;

/** Checked here to say so in the teacher's language; the server checks again. */
export const CHAPTER_LIMITS = { title: 200, count: 500 } as const;

let nextKey = 0;
export function newRowKey(): string {
  nextKey += 1;
  return `chapter-${nextKey}`;
}

export function rowsFromChapters(chapters: Chapter[], durationSeconds = 0): ChapterRow[] {
  return chapters.map((c) => ({ key: newRowKey(), start: formatTime(c.startSeconds, durationSeconds), title: c.title }));
}

/**
 * Rows in time order (what "reorder by time" means); rows whose start cannot be read stay in
 * place relative to each other, after the readable ones, so the teacher sees them to fix.
 */
export function sortRows(rows: ChapterRow[]): ChapterRow[] {
  const keyed = rows.map((row, index) => ({ row, index, time: parseTime(row.start) }));
  keyed.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.index - b.index);
  return keyed.map((k) => k.row);
}

/**
 * Each row's problems: an unreadable or out-of-range start, two chapters at the same second,
 * an empty or too long title. `durationSeconds` 0 when no media is ready (no upper bound then).
 */
export function validateRows(rows: ChapterRow[], durationSeconds: number, t: Translate): ChapterErrors {
  const errors: ChapterErrors = {};
  const seen = new Map<number, string>();
  for (const row of rows) {
    const problems: ChapterErrors[string] = {};
    const time = parseTime(row.start);
    if (time === null) problems.start = { text: t('videoEditor.chapters.error.time') };
    else if (durationSeconds > 0 && time >= durationSeconds) {
      problems.start = { text: t('videoEditor.chapters.error.afterEnd', { duration: formatTime(durationSeconds) }) };
    } else if (seen.has(Math.floor(time))) {
      problems.start = { text: t('videoEditor.chapters.error.duplicate', { time: formatTime(time, durationSeconds) }) };
    }
    if (time !== null) seen.set(Math.floor(time), row.key);
    const title = row.title.trim();
    if (!title) problems.title = { text: t('videoEditor.chapters.error.titleRequired') };
    else if (title.length > CHAPTER_LIMITS.title) problems.title = { text: t('form.error.tooLong', { max: String(CHAPTER_LIMITS.title) }) };
    if (problems.start || problems.title) errors[row.key] = problems;
  }
  return errors;
}

/** What PATCH /api/videos/:id takes: sorted by start. Call after validateRows found nothing. */
export function toChapters(rows: ChapterRow[]): Chapter[] {
  return sortRows(rows).map((row) => ({ startSeconds: parseTime(row.start) ?? 0, title: row.title.trim() }));
}

/**
 * The server's validation issues (paths like `body.chapters.2.title`) under the row they name,
 * given the rows in the order they were sent; the rest for the whole list.
 */
export function chapterServerErrors(error: ApiError, sent: ChapterRow[]): { rows: ChapterErrors; other: FieldMessage[] } {
  const rows: ChapterErrors = {};
  const other: FieldMessage[] = [];
  for (const issue of error.issues) {
    const match = /^body\.chapters\.(\d+)(?:\.(startSeconds|title))?$/.exec(issue.path);
    const row = match ? sent[Number(match[1])] : undefined;
    const message = { text: issue.message, lang: 'en' };
    if (!row || !match) {
      other.push(message);
      continue;
    }
    const field = match[2] === 'title' ? 'title' : 'start';
    rows[row.key] = { ...rows[row.key], [field]: rows[row.key]?.[field] ?? message };
  }
  return { rows, other };
}
