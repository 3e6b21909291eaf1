import { useId, useState } from 'preact/hooks';
import { useI18n } from '../i18n/I18nContext.js';

interface Props {
  label: string;
  value: string;
  testId: string;
}

/** A value to paste elsewhere (a secret, an endpoint): read-only, selectable, with a Copy button. */
export function CopyField({ label, value, testId }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus(t('admin.copied'));
    } catch {
      // Some LMS frames do not grant the clipboard: the field stays there to select by hand.
      setStatus(t('admin.copyFailed'));
    }
  };
  return (
    <div class="amphi-form-field">
      <label for={id}>{label}</label>
      <div class="amphi-admin-copy">
        <input id={id} class="amphi-input" readOnly value={value} data-testid={testId} onFocus={(event) => (event.currentTarget as HTMLInputElement).select()} />
        <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" aria-describedby={`${id}-status`} data-testid={`${testId}-copy`} onClick={() => void copy()}>
          {t('admin.copy')}
        </button>
      </div>
      <p id={`${id}-status`} class="amphi-status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
