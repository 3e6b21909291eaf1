import type { ApiError } from '../../api/api-client.js';
import type { VideoResponse } from '../../api/api-types.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { processingStageText } from './processing-stage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useStepNews } from '../progress/useStepNews.js';

type Processing = NonNullable<VideoResponse['processing']>;

interface Props {
  processing: Processing;
  busy: boolean;
  /** A retry or cancel the server refused. */
  error: ApiError | null;
  onRetry: () => void;
  onCancel: () => void;
}

/**
 * The media being prepared: queued, converting (with the job's progress), or failed with the
 * reason and Retry / Cancel. Its visible text changes at each poll, so it is not a live region:
 * the editor announces the changes of phase, and a hidden one the progress at each quarter.
 */
export function ProcessingStatus({ processing, busy, error, onRetry, onCancel }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const percent = processing.progress === null ? null : Math.round(Math.min(1, Math.max(0, processing.progress)) * 100);
  const percentText = percent === null ? '' : format.percentValue(percent);
  const news = useStepNews(processing.status === 'transcoding' ? percent : null, (step) => t('videoEditor.processing.progressAt', { percent: format.percentValue(step) }));
  return (
    <section class="amphi-card amphi-stack" aria-labelledby="amphi-processing-heading" data-testid="video-processing" data-status={processing.status}>
      <h3 id="amphi-processing-heading">{t('videoEditor.processing.heading')}</h3>
      <p class="amphi-upload-file">
        <Icon name="video" />
        <span data-testid="processing-file">{processing.fileName}</span>
      </p>
      {processing.status === 'failed' ? (
        <>
          <ErrorAlert
            message={t('videoEditor.processing.failed')}
            notes={processing.error ? [{ label: t('videoEditor.upload.reason'), text: processing.error, lang: 'en' }] : []}
          />
          <div class="amphi-actions">
            {processing.canRetry && (
              <button type="button" class="amphi-button" data-testid="processing-retry" aria-disabled={busy} onClick={() => !busy && onRetry()}>
                <Icon name="refresh" />
                <span>{t('videoEditor.processing.retry')}</span>
              </button>
            )}
            <button type="button" class="amphi-button amphi-button-secondary" data-testid="processing-cancel" aria-disabled={busy} onClick={() => !busy && onCancel()}>
              <Icon name="x" />
              <span>{t('videoEditor.processing.discard')}</span>
            </button>
          </div>
        </>
      ) : (
        <>
          <p data-testid="processing-text">
            {processing.status === 'uploaded' ? t('videoEditor.processing.queued') : t('videoEditor.processing.converting')}
            {percentText && ` ${percentText}`}
            {processing.label && <span class="amphi-muted"> · {processingStageText(processing.label, t)}</span>}
          </p>
          {/* No value while queued: an indeterminate bar says "waiting" without a number. */}
          <progress
            class="amphi-progress"
            max={100}
            value={percent ?? undefined}
            aria-label={t('videoEditor.processing.progressLabel')}
            aria-valuetext={percentText || t('videoEditor.processing.queued')}
            data-testid="processing-progress"
          />
          <div class="amphi-actions">
            <button type="button" class="amphi-button amphi-button-quiet" data-testid="processing-cancel" aria-disabled={busy} onClick={() => !busy && onCancel()}>
              <Icon name="x" />
              <span>{t('videoEditor.processing.cancel')}</span>
            </button>
          </div>
        </>
      )}
      {error && <ApiErrorAlert error={error} />}
      <StatusMessage text={news} visuallyHidden testId="processing-news" />
    </section>
  );
}
