import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/api-client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { UploadProgress } from './UploadProgress.js';
import { useVideoUpload } from './useVideoUpload.js';

interface Props {
  client: ApiClient;
  resourceId: string;
  upload: { endpoint: string; maxBytes: number };
  /** A published media exists: this upload replaces it once ready. */
  replacing: boolean;
  /** A media is being prepared: the finished upload stays in view, no new one starts. */
  locked: boolean;
  onUploaded: () => void;
}

/**
 * Choose or drop a video or audio file and send it (resumable). The file input is the real
 * control (keyboard and screen readers use it as is); the drop zone around it only adds
 * drag and drop for the mouse.
 */
export function UploadPanel({ client, resourceId, upload, replacing, locked, onUploaded }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const uploader = useVideoUpload({ client, resourceId, endpoint: upload.endpoint, maxBytes: upload.maxBytes, onUploaded });
  const [dragging, setDragging] = useState(false);
  const state = uploader.state;
  const busy = state.phase === 'uploading' || state.phase === 'paused';

  const choose = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) uploader.start(file);
  };

  // Opened while a media is being prepared: nothing to show here until it is done.
  if (locked && state.phase === 'idle') return null;
  return (
    <section class="amphi-card amphi-stack" aria-labelledby="amphi-upload-heading" data-testid="video-upload">
      <h3 id="amphi-upload-heading">{t(replacing ? 'videoEditor.upload.replaceHeading' : 'videoEditor.upload.heading')}</h3>
      {replacing && <p class="amphi-muted">{t('videoEditor.upload.replaceNote')}</p>}
      {uploader.interrupted && !busy && (
        <p class="amphi-notice-inline" data-testid="upload-interrupted">
          <Icon name="refresh" />
          <span>{t('videoEditor.upload.interrupted', { name: uploader.interrupted })}</span>
        </p>
      )}
      {busy ? (
        <UploadProgress state={state} uploader={uploader} />
      ) : locked ? null : (
        <div
          class={dragging ? 'amphi-dropzone amphi-dropzone-active' : 'amphi-dropzone'}
          data-testid="upload-dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            choose(event.dataTransfer?.files);
          }}
        >
          <input
            id="amphi-upload-input"
            class="amphi-visually-hidden"
            type="file"
            accept="video/*,audio/*"
            aria-describedby="amphi-upload-hint"
            data-testid="upload-input"
            onChange={(event) => {
              const input = event.currentTarget as HTMLInputElement;
              choose(input.files);
              input.value = '';
            }}
          />
          <label for="amphi-upload-input" class="amphi-button">
            <Icon name="plus" />
            <span>{t('videoEditor.upload.choose')}</span>
          </label>
          <p id="amphi-upload-hint" class="amphi-hint">
            {t('videoEditor.upload.hint', { max: format.size(upload.maxBytes) })}
          </p>
        </div>
      )}
      {state.phase === 'failed' && (
        <div data-testid="upload-error" data-code={state.code ?? ''}>
          <ErrorAlert
            message={t('videoEditor.upload.refused', { name: state.fileName })}
            notes={[{ label: t('videoEditor.upload.reason'), text: state.message, lang: state.lang }]}
          />
        </div>
      )}
      {state.phase === 'done' && (
        <div class="amphi-upload-progress" data-testid="upload-done">
          <p class="amphi-upload-file">
            <Icon name="check" />
            <span>{t('videoEditor.upload.done', { name: state.fileName })}</span>
          </p>
          <progress class="amphi-progress" max={100} value={100} aria-label={t('videoEditor.upload.progressLabel', { name: state.fileName })} data-testid="upload-progress-bar" />
        </div>
      )}
    </section>
  );
}
