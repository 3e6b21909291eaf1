import { FieldError, type FieldMessage } from '../../components/FieldError.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { ChapterRow } from './chapter-draft.js';

interface Props {
  row: ChapterRow;
  /** 1-based, for the labels: "Chapter 2 start". */
  number: number;
  errors: { start?: FieldMessage; title?: FieldMessage } | undefined;
  canUsePlayerTime: boolean;
  onChange: (patch: Partial<ChapterRow>) => void;
  onUsePlayerTime: () => void;
  onRemove: () => void;
}

/** One chapter: its start and title, each labelled with the chapter's number, and its buttons. */
export function ChapterRowFields({ row, number, errors, canUsePlayerTime, onChange, onUsePlayerTime, onRemove }: Props) {
  const { t } = useI18n();
  const id = `amphi-${row.key}`;
  const n = String(number);
  const described = (field: 'start' | 'title', hint?: string) =>
    [hint, errors?.[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <li class="amphi-chapter-row" data-row={row.key} data-testid="chapter-row">
      <div class="amphi-form-field amphi-chapter-start">
        <label for={`${id}-start`}>{t('videoEditor.chapters.start', { number: n })}</label>
        <input
          id={`${id}-start`}
          class="amphi-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="0:00"
          value={row.start}
          aria-invalid={errors?.start ? true : undefined}
          aria-describedby={described('start', 'amphi-chapters-time-hint')}
          data-field="start"
          data-testid="chapter-start"
          onInput={(event) => onChange({ start: (event.currentTarget as HTMLInputElement).value })}
        />
        {errors?.start && <FieldError id={`${id}-start-error`} error={errors.start} />}
      </div>
      <div class="amphi-form-field amphi-chapter-title">
        <label for={`${id}-title`}>{t('videoEditor.chapters.title', { number: n })}</label>
        <input
          id={`${id}-title`}
          class="amphi-input"
          type="text"
          autoComplete="off"
          value={row.title}
          aria-invalid={errors?.title ? true : undefined}
          aria-describedby={described('title')}
          data-field="title"
          data-testid="chapter-title"
          onInput={(event) => onChange({ title: (event.currentTarget as HTMLInputElement).value })}
        />
        {errors?.title && <FieldError id={`${id}-title-error`} error={errors.title} />}
      </div>
      <div class="amphi-chapter-actions">
        {canUsePlayerTime && (
          <button type="button" class="amphi-button amphi-button-secondary amphi-button-small" data-testid="chapter-use-time" onClick={onUsePlayerTime}>
            <Icon name="clock" />
            <span>{t('videoEditor.chapters.useTime')}</span>
            <span class="amphi-visually-hidden"> {t('videoEditor.chapters.forChapter', { number: n })}</span>
          </button>
        )}
        <button type="button" class="amphi-button amphi-button-quiet amphi-button-small" data-testid="chapter-remove" onClick={onRemove}>
          <Icon name="x" />
          <span>{t('videoEditor.chapters.remove')}</span>
          <span class="amphi-visually-hidden"> {t('videoEditor.chapters.forChapter', { number: n })}</span>
        </button>
      </div>
    </li>
  );
}
