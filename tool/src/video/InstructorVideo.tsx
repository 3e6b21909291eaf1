import { useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';
import type { ResourceResponse } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { cancelProcessing, retryProcessing } from '../api/video-api.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { lazyView } from '../components/lazy-view.js';
import { LoadingState } from '../components/LoadingState.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ChaptersEditor } from './editor/ChaptersEditor.js';
import { ProcessingStatus } from './editor/ProcessingStatus.js';
import { useEditedVideo } from './editor/useEditedVideo.js';
import { VideoPreview } from './editor/VideoPreview.js';

// Captions exist only once a media is published, and the upload panel (with the tus client, a
// large share of the editor) only while uploading is possible: both are fetched when they show.
const CaptionsPanel = lazyView(() => import('../captions/panel/CaptionsPanel.js').then((m) => m.CaptionsPanel), 'videoEditor.loading');
const UploadPanel = lazyView(() => import('./editor/UploadPanel.js').then((m) => m.UploadPanel), 'videoEditor.loading');

interface Props {
  resource: ResourceResponse;
  /**
   * Unused since the settings moved to the Settings tab (nothing here changes the resource's
   * title or description any more); kept optional for the caller.
   */
  onResourceChanged?: (resource: ResourceResponse) => void;
}

/**
 * The teacher's video: what students see (preview), the file being uploaded or converted,
 * chapters and captions (once a media is published). Its settings (title, description,
 * downloads, completion threshold, grading) are all in the Settings tab (ResourceSettingsForm).
 * A new upload never hides the published video: students keep it until the new one is ready.
 */
export function InstructorVideo({ resource }: Props) {
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
      <ChaptersEditor video={video} currentTime={video.media ? () => playerTime.current?.() ?? null : null} onSaved={edited.video.replace} />
      {/* Captions belong to the published media: a new one starts the panel afresh. */}
      {video.media && <CaptionsPanel key={video.media.id} video={video} onTracksChanged={edited.video.reload} />}
    </div>
  );
}
