import { useEffect, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import type { VideoResponse } from '../../api/api-types.js';
import { useApi } from '../../api/ApiContext.js';
import { getTrack, type CaptionTrackDetail } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { EditorBody } from './EditorBody.js';

interface Props {
  video: VideoResponse;
  trackId: string;
  /** Back to the tracks (after the last save). */
  onClose: () => void;
}

/** The subtitle editor of one track: loads its current version, then edits it (EditorBody). */
export function CaptionEditor({ video, trackId, onClose }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const [detail, setDetail] = useState<CaptionTrackDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    getTrack(client, trackId).then(
      (answer) => current && setDetail(answer),
      (err: unknown) => current && setError(toApiError(err)),
    );
    return () => {
      current = false;
    };
  }, [trackId]);

  if (detail && video.media) return <EditorBody video={video} media={video.media} detail={detail} onClose={onClose} />;
  return (
    <section class="amphi-card amphi-stack" aria-labelledby="amphi-captions-editor-heading" data-testid="caption-editor-loading">
      <h3 id="amphi-captions-editor-heading">{t('captions.editor.loadingHeading')}</h3>
      {error ? <CaptionsErrorAlert error={error} /> : <LoadingState label={t('captions.editor.loading')} />}
      <div class="amphi-actions">
        <button type="button" class="amphi-button amphi-button-secondary" onClick={onClose}>
          <Icon name="x" />
          <span>{t('captions.editor.close')}</span>
        </button>
      </div>
    </section>
  );
}
