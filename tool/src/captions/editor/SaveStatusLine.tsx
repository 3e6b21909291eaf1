import type { ApiError } from '../../api/api-client.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { describeApiError } from '../../launch/error-message.js';
import type { SaveStatus } from './useAutosave.js';

interface Props {
  status: SaveStatus;
  error: ApiError | null;
  savedAt: Date | null;
  /** 1-based number of the first cue whose times stop the save. */
  blockedCue: number | null;
  onRetry: () => void;
}

/**
 * Saved, saving, not saved yet, or why not: in words with an icon (never colour alone), in a
 * polite live region so a screen reader hears that the work is safe or not. A conflict has its
 * own alert (ConflictAlert).
 */
export function SaveStatusLine({ status, error, savedAt, blockedCue, onRetry }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const time = savedAt ? format.time(savedAt) : '';
  const text =
    status === 'saved'
      ? savedAt
        ? t('captions.save.savedAt', { time })
        : t('captions.save.saved')
      : status === 'pending'
        ? t('captions.save.pending')
        : status === 'saving'
          ? t('captions.save.saving')
          : status === 'blocked'
            ? t('captions.save.blocked', { number: String(blockedCue ?? '') })
            : status === 'conflict'
              ? t('captions.save.conflict')
              : t('captions.save.error');
  const problem = status === 'error' || status === 'blocked' || status === 'conflict';
  return (
    <div class={`amphi-captions-save${problem ? ' amphi-captions-save-problem' : ''}`} data-testid="captions-save" data-status={status}>
      <p role="status" aria-live="polite" class="amphi-captions-save-text" data-testid="captions-save-status">
        <Icon name={problem ? 'alert' : status === 'saved' ? 'check' : 'clock'} />
        <span>{text}</span>
        {status === 'error' && error && <span class="amphi-muted"> {describeApiError(error, t).message}</span>}
      </p>
      {status === 'error' && (
        <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" data-testid="captions-save-retry" onClick={onRetry}>
          <Icon name="refresh" />
          <span>{t('captions.save.retry')}</span>
        </button>
      )}
    </div>
  );
}
