import { useI18n } from '../i18n/I18nContext.js';

interface Props {
  sending: 'add' | 'cancel' | null;
  /** Absent: nothing can be added (the platform accepts no Amphi activity). */
  onAdd?: () => void;
  onCancel: () => void;
  platformName: string;
  /** From the platform's text editor: the content goes into the text, not the course. */
  editor?: boolean;
}

/** "Add to course" and "Cancel": both end the request and return to the platform. */
export function PickerActions({ sending, onAdd, onCancel, platformName, editor = false }: Props) {
  const { t } = useI18n();
  return (
    <div class="amphi-actions amphi-picker-actions" aria-busy={sending !== null}>
      {onAdd && (
        <button type="button" class="amphi-button" data-testid="picker-submit" aria-disabled={sending !== null} onClick={onAdd}>
          {sending === 'add' ? t('picker.submit.busy', { platform: platformName }) : t(editor ? 'picker.submit.editor' : 'picker.submit')}
        </button>
      )}
      <button
        type="button"
        class="amphi-button amphi-button-secondary"
        data-testid="picker-cancel"
        aria-disabled={sending !== null}
        onClick={onCancel}
      >
        {sending === 'cancel' ? t('picker.cancel.busy', { platform: platformName }) : t('picker.cancel')}
      </button>
    </div>
  );
}
