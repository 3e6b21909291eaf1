import { useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';
import type { ResourceResponse, VideoResponse } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { getResource } from '../api/content-api.js';
import { cancelProcessing, retryProcessing } from '../api/video-api.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { CaptionsPanel } from '../captions/panel/CaptionsPanel.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ChaptersEditor } from './editor/ChaptersEditor.js';
import { ProcessingStatus } from './editor/ProcessingStatus.js';
import { UploadPanel } from './editor/UploadPanel.js';
import { useEditedVideo } from './editor/useEditedVideo.js';
import { VideoPreview } from './editor/VideoPreview.js';
import { VideoSettingsForm } from './editor/VideoSettingsForm.js';

interface Props {
  resource: ResourceResponse;
  /** The title or description changed here: the page header shows the new ones. */
  onResourceChanged: (resource: ResourceResponse) => void;
}

/**
 * The teacher's video: what students see (preview), the file being uploaded or converted,
 * chapters, captions (once a media is published) and settings. A new upload never hides the published video: students keep it
 * until the new one is ready.
 */
export function InstructorVideo({ resource, onResourceChanged }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const edited = useEditedVideo(resource.id);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  /** The preview player's position, for "use the player's time" in the chapters editor. */
  const playerTime = useRef<(() => number | null) | null>(null);
  const video = edited.video.data;

  if (!video) {
    return edited.video.status === 'error' ? <ApiErrorAlert error={edited.video.error} /> : <LoadingState label={t('videoEditor.loading')} />;
  }

  const act = async (call: typeof retryProcessing, news: string) => {
    setBusy(true);
    setActionError(null);
    try {
      edited.video.replace(await call(client, resource.id));
      if (news) edited.announce(news);
    } catch (err) {
      setActionError(toApiError(err));
      edited.video.reload();
    } finally {
      setBusy(false);
    }
  };
  const saved = (updated: VideoResponse) => {
    edited.video.replace(updated);
    if (updated.title !== resource.title || updated.description !== resource.description) {
      getResource(client, resource.id).then(onResourceChanged, () => undefined);
    }
  };
  const preparing = video.processing !== null;

  return (
    <div class="amphi-stack amphi-video-editor" data-testid="instructor-video" data-status={video.status}>
      <StatusMessage text={edited.news} testId="video-news" />
      <VideoPreview video={video} playerTime={playerTime} />
      {video.processing && (
        <ProcessingStatus
          processing={video.processing}
          busy={busy}
          error={actionError}
          onRetry={() => void act(retryProcessing, '')}
          onCancel={() => void act(cancelProcessing, t('videoEditor.news.cancelled'))}
        />
      )}
      {video.upload && (
        <UploadPanel
          // A newly published media starts the panel afresh (the finished upload is history).
          key={video.media?.id ?? 'none'}
          client={client}
          resourceId={resource.id}
          upload={video.upload}
          replacing={video.media !== null}
          locked={preparing}
          onUploaded={edited.uploaded}
        />
      )}
      {edited.video.status === 'error' && <ApiErrorAlert error={edited.video.error} />}
      <ChaptersEditor video={video} currentTime={video.media ? () => playerTime.current?.() ?? null : null} onSaved={saved} />
      {/* Captions belong to the published media: a new one starts the panel afresh. */}
      {video.media && <CaptionsPanel key={video.media.id} video={video} onTracksChanged={edited.video.reload} />}
      <VideoSettingsForm video={video} onSaved={saved} />
    </div>
  );
}
