import { useEffect, useRef, useState } from 'preact/hooks';
import { TextField } from '../../components/TextField.js';
import { useI18n } from '../../i18n/I18nContext.js';

interface Props {
  name: string;
  busy: boolean;
  onSave: (name: string) => void;
  onCancel: () => void;
}

/** The inline rename form: Enter saves, Escape cancels; focus starts in the field. */
export function RecordingRename({ name, busy, onSave, onCancel }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(name);
  const [empty, setEmpty] = useState(false);
  const field = useRef<HTMLElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);
  return (
    <form
      class="amphi-recording-rename"
      data-testid="recording-rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = draft.trim();
        setEmpty(!trimmed);
        if (trimmed && !busy) onSave(trimmed);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <TextField
        label={t('recordings.rename.label')}
        value={draft}
        onInput={setDraft}
        required
        inputRef={field}
        testId="recording-rename-input"
        error={empty ? { text: t('recordings.rename.empty') } : null}
      />
      <div class="amphi-actions">
        <button type="submit" class="amphi-button amphi-button-small" aria-disabled={busy} data-testid="recording-rename-save">
          {t('recordings.rename.save')}
        </button>
        <button type="button" class="amphi-button amphi-button-secondary amphi-button-small" onClick={onCancel}>
          {t('recordings.rename.cancel')}
        </button>
      </div>
    </form>
  );
}
