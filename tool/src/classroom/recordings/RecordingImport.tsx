import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { RecordingItem } from './recordings-api.js';

interface Props {
  item: RecordingItem;
  busy: boolean;
  onImport: () => void;
}

/** The import into the video library: the button, then its status (queued, running, done, failed with the reason and a retry). */
export function RecordingImport({ item, busy, onImport }: Props) {
  const { t } = useI18n();
  const status = item.import?.status;
  if (!item.importable && !status) {
    return (
      <p class="amphi-muted" data-testid="recording-import-unavailable">
        {t('recordings.import.unavailable')}
      </p>
    );
  }
  if (status === 'queued' || status === 'running') {
    return (
      <p class="amphi-recording-import" data-testid="recording-import-status" data-status={status}>
        <span class="amphi-spinner" aria-hidden="true" />
        <span>{t(status === 'queued' ? 'recordings.import.queued' : 'recordings.import.running')}</span>
      </p>
    );
  }
  if (status === 'done' && item.import?.videoResourceId) {
    return (
      <p class="amphi-recording-import" data-testid="recording-import-status" data-status="done" data-video-id={item.import.videoResourceId}>
        <Icon name="check" size={16} />
        <span>{t('recordings.import.done')}</span>
      </p>
    );
  }
  return (
    <div class="amphi-stack" data-testid="recording-import-status" data-status={status ?? 'none'}>
      {status === 'failed' && (
        <ErrorAlert
          message={t('recordings.import.failed')}
          notes={item.import?.error ? [{ label: t('recordings.import.reason'), text: item.import.error, lang: 'en' }] : []}
        />
      )}
      {item.importable && (
        <p class="amphi-actions">
          <button type="button" class="amphi-button amphi-button-small" aria-disabled={busy} data-testid="recording-import" onClick={() => !busy && onImport()}>
            <Icon name={status === 'failed' ? 'refresh' : 'download'} size={14} />
            <span>{status === 'failed' ? t('recordings.import.retry') : t('recordings.import')}</span>
          </button>
        </p>
      )}
    </div>
  );
}
