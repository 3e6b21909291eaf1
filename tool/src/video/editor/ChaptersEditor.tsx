import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import type { VideoResponse } from '../../api/api-types.js';
import { useApi } from '../../api/ApiContext.js';
import { updateVideo } from '../../api/video-api.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import type { FieldMessage } from '../../components/FieldError.js';
import { Icon } from '../../components/Icon.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { plural } from '../../i18n/plural.js';
import {
  CHAPTER_LIMITS,
  chapterServerErrors,
  newRowKey,
  rowsFromChapters,
  sortRows,
  toChapters,
  validateRows,
  type ChapterErrors,
  type ChapterRow,
} from './chapter-draft.js';
import { formatTime, parseTime } from './chapter-time.js';
import { ChapterRowFields } from './ChapterRowFields.js';

interface Props {
  video: VideoResponse;
  /** The preview player's position in seconds, when a player is shown. */
  currentTime: (() => number | null) | null;
  onSaved: (video: VideoResponse) => void;
}

/**
 * Chapters as rows of start time (`m:ss`) and title. Saving sorts them by time, checks them
 * (here, then on the server) and shows each problem under its field; every action is a button
 * or a field, so the keyboard does it all.
 */
export function ChaptersEditor({ video, currentTime, onSaved }: Props) {
  const { t, locale } = useI18n();
  const client = useApi();
  const duration = video.media?.durationSeconds ?? 0;
  const [rows, setRows] = useState<ChapterRow[]>(() => rowsFromChapters(video.chapters, duration));
  const [errors, setErrors] = useState<ChapterErrors>({});
  const [other, setOther] = useState<FieldMessage[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [news, setNews] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const focusKey = useRef<{ key: string; field: 'start' | 'title' | 'invalid' } | null>(null);

  // Layout effect: focus moves in the same task as the render, before the next key is typed.
  useLayoutEffect(() => {
    const target = focusKey.current;
    if (!target) return;
    focusKey.current = null;
    const selector = target.field === 'invalid' ? '[aria-invalid="true"]' : `[data-row="${target.key}"] [data-field="${target.field}"]`;
    listRef.current?.querySelector<HTMLElement>(selector)?.focus();
  });

  const change = (key: string, patch: Partial<ChapterRow>) => {
    setNews('');
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const playerTime = () => {
    const now = currentTime?.();
    return now === null || now === undefined ? null : formatTime(now, duration);
  };
  const add = () => {
    const last = rows.map((r) => parseTime(r.start)).reduce<number>((max, s) => Math.max(max, s ?? 0), -1);
    const start = playerTime() ?? formatTime(last < 0 ? 0 : last + 60, duration);
    const row = { key: newRowKey(), start, title: '' };
    focusKey.current = { key: row.key, field: 'title' };
    setRows((rs) => [...rs, row]);
    setNews(t('videoEditor.chapters.added', { time: start }));
  };
  const remove = (row: ChapterRow, index: number) => {
    const next = rows.filter((r) => r.key !== row.key);
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) focusKey.current = { key: neighbour.key, field: 'start' };
    setRows(next);
    setNews(t('videoEditor.chapters.removed', { title: row.title.trim() || row.start }));
  };

  async function save() {
    setFailure(null);
    setOther([]);
    const sorted = sortRows(rows);
    setRows(sorted);
    const local = validateRows(sorted, duration, t);
    setErrors(local);
    if (Object.keys(local).length) {
      focusKey.current = { key: '', field: 'invalid' };
      return;
    }
    setBusy(true);
    try {
      const saved = await updateVideo(client, video.resourceId, { chapters: toChapters(sorted) });
      setRows(rowsFromChapters(saved.chapters, saved.media?.durationSeconds ?? duration));
      setNews(plural(locale, 'videoEditor.chapters.saved', saved.chapters.length));
      onSaved(saved);
    } catch (err) {
      const error = toApiError(err);
      if (!error.issues.length) return setFailure(error);
      const mapped = chapterServerErrors(error, sorted);
      setErrors(mapped.rows);
      setOther(mapped.other);
      focusKey.current = { key: '', field: 'invalid' };
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="amphi-form amphi-card"
      noValidate
      aria-labelledby="amphi-chapters-heading"
      data-testid="chapters-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void save();
      }}
    >
      <h3 id="amphi-chapters-heading">{t('videoEditor.chapters.heading')}</h3>
      <p class="amphi-hint" id="amphi-chapters-time-hint">{t('videoEditor.chapters.hint')}</p>
      {rows.length === 0 && <p class="amphi-muted" data-testid="chapters-empty">{t('videoEditor.chapters.empty')}</p>}
      <ol class="amphi-chapter-list" ref={listRef}>
        {rows.map((row, index) => (
          <ChapterRowFields
            key={row.key}
            row={row}
            number={index + 1}
            errors={errors[row.key]}
            canUsePlayerTime={currentTime !== null}
            onChange={(patch) => change(row.key, patch)}
            onUsePlayerTime={() => {
              const now = playerTime();
              if (now) change(row.key, { start: now });
            }}
            onRemove={() => remove(row, index)}
          />
        ))}
      </ol>
      {other.length > 0 && (
        <ErrorAlert message={t('form.error.rejected')} notes={other.map((o, i) => ({ label: `${i + 1}.`, text: o.text, lang: o.lang }))} />
      )}
      {failure && <ApiErrorAlert error={failure} />}
      <div class="amphi-actions">
        <button
          type="button"
          class="amphi-button amphi-button-secondary"
          data-testid="chapter-add"
          aria-disabled={rows.length >= CHAPTER_LIMITS.count}
          onClick={() => rows.length < CHAPTER_LIMITS.count && add()}
        >
          <Icon name="plus" />
          <span>{t('videoEditor.chapters.add')}</span>
        </button>
        <button type="submit" class="amphi-button" data-testid="chapters-save" aria-disabled={busy}>
          {busy ? t('resource.settings.saving') : t('videoEditor.chapters.save')}
        </button>
      </div>
      <StatusMessage text={news} testId="chapters-status" />
    </form>
  );
}
