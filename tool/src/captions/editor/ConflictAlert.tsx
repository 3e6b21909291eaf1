import { useI18n } from '../../i18n/I18nContext.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

interface Props {
  busy: boolean;
  onReload: () => void;
  onOverwrite: () => void;
}

/** Someone else saved meanwhile (409): say so at once, and offer their version or to save mine over it. */
export function ConflictAlert({ busy, onReload, onOverwrite }: Props) {
  const { t } = useI18n();
  return (
    <div class="amphi-stack" data-testid="captions-conflict">
      <ErrorAlert message={t('captions.conflict.message')} />
      <div class="amphi-actions">
        <button type="button" class="amphi-button" aria-disabled={busy} data-testid="captions-conflict-reload" onClick={() => !busy && onReload()}>
          {t('captions.conflict.reload')}
        </button>
        <button type="button" class="amphi-button amphi-button-secondary" aria-disabled={busy} data-testid="captions-conflict-overwrite" onClick={() => !busy && onOverwrite()}>
          {t('captions.conflict.overwrite')}
        </button>
      </div>
    </div>
  );
}
