import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../../components/Icon.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { announcementStep, describeTransfer, percentOf } from './upload-format.js';
import type { UploadState, VideoUploader } from './useVideoUpload.js';

type Transfer = Extract<UploadState, { phase: 'uploading' | 'paused' }>;

/**
 * A running upload: a real <progress>, percent, bytes, speed and time left, and Pause / Resume /
 * Cancel. Screen readers hear the percent at each quarter and when it is paused, not every chunk.
 */
export function UploadProgress({ state, uploader }: { state: Transfer; uploader: VideoUploader }) {
  const { t, locale } = useI18n();
  const format = useFormatter();
  const percent = percentOf(state.sent, state.total);
  const [news, setNews] = useState('');
  const announced = useRef(-1);

  useEffect(() => {
    if (state.phase === 'paused') return setNews(t('videoEditor.upload.pausedAt', { percent: format.percentValue(percent) }));
    const step = announcementStep(percent);
    if (step === announced.current) return;
    announced.current = step;
    setNews(t('videoEditor.upload.progressAt', { percent: format.percentValue(step) }));
  }, [state.phase, percent]);

  const percentText = format.percentValue(percent);
  return (
    <div class="amphi-upload-progress" data-testid="upload-progress" data-phase={state.phase} data-percent={percent}>
      <p class="amphi-upload-file">
        <Icon name="video" />
        <span>{t('videoEditor.upload.sending', { name: state.fileName })}</span>
      </p>
      <progress
        class="amphi-progress"
        max={100}
        value={percent}
        aria-label={t('videoEditor.upload.progressLabel', { name: state.fileName })}
        aria-valuetext={percentText}
        data-testid="upload-progress-bar"
      />
      <p class="amphi-upload-numbers">
        <strong data-testid="upload-percent">{percentText}</strong>
        <span data-testid="upload-bytes">{describeTransfer(locale, t, state.sent, state.total, state.rate)}</span>
        {state.phase === 'paused' && <span class="amphi-badge amphi-state-pending">{t('videoEditor.upload.paused')}</span>}
      </p>
      <div class="amphi-actions">
        {state.phase === 'uploading' ? (
          <button type="button" class="amphi-button amphi-button-secondary" data-testid="upload-pause" onClick={uploader.pause}>
            {t('videoEditor.upload.pause')}
          </button>
        ) : (
          <button type="button" class="amphi-button amphi-button-secondary" data-testid="upload-resume" onClick={uploader.resume}>
            {t('videoEditor.upload.resume')}
          </button>
        )}
        <button type="button" class="amphi-button amphi-button-quiet" data-testid="upload-cancel" onClick={uploader.cancel}>
          <Icon name="x" />
          <span>{t('videoEditor.upload.cancel')}</span>
        </button>
      </div>
      <StatusMessage text={news} visuallyHidden testId="upload-news" />
    </div>
  );
}
