import { useState } from 'preact/hooks';
import type { ResourceResponse, VideoProgress } from '../api/api-types.js';
import { useApiData } from '../api/useApiData.js';
import { getVideo } from '../api/video-api.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { Icon } from '../components/Icon.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ResourceDescription } from '../resource/ResourceDescription.js';
import { VideoPlayer } from './player/VideoPlayer.js';
import { shownShare } from './progress/watched-share.js';
import { WatchedShare } from './progress/WatchedShare.js';
import type { Segment } from './xapi/played-segments.js';

/**
 * A video activity as a learner (or a teacher viewing as one) sees it: the player once a media
 * is published, else a sentence that it will appear; the learner's watched share under it,
 * growing as the video plays.
 */
export function LearnerVideo({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  const video = useApiData((client) => getVideo(client, resource.id), [resource.id]);
  const [progress, setProgress] = useState<VideoProgress | null>(null);
  /** What this page has played: the share grows with it while the video plays (the server's figure comes with each acknowledgement). */
  const [played, setPlayed] = useState<readonly Segment[]>([]);

  if (!video.data) {
    return (
      <div class="amphi-card">
        {video.status === 'error' ? <ApiErrorAlert error={video.error} /> : <LoadingState label={t('player.loading')} />}
      </div>
    );
  }
  const data = video.data;
  const shown = progress ?? data.progress;
  return (
    <div class="amphi-card amphi-stack">
      {data.description && <ResourceDescription text={data.description} />}
      {data.status === 'ready' && data.media ? (
        <VideoPlayer video={data} onProgress={setProgress} onPlayed={setPlayed} onReload={video.reload} />
      ) : (
        <p class="amphi-pending" data-testid="video-not-ready">
          <Icon name="clock" />
          <span>{t('player.notReady')}</span>
        </p>
      )}
      {data.media && (shown || played.length > 0) && (
        <WatchedShare share={shownShare(shown, played, data.media.durationSeconds)} completed={shown?.completed ?? false} />
      )}
    </div>
  );
}
