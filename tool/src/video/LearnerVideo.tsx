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

/**
 * A video activity as a learner (or a teacher viewing as one) sees it: the player once a media
 * is published, else a sentence that it will appear; the learner's watched share under it.
 */
export function LearnerVideo({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  const video = useApiData((client) => getVideo(client, resource.id), [resource.id]);
  const [progress, setProgress] = useState<VideoProgress | null>(null);

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
        <VideoPlayer video={data} onProgress={setProgress} onReload={video.reload} />
      ) : (
        <p class="amphi-pending" data-testid="video-not-ready">
          <Icon name="clock" />
          <span>{t('player.notReady')}</span>
        </p>
      )}
      {shown && data.media && (
        <p class="amphi-muted" data-testid="video-progress" data-watched={shown.watchedShare} data-completed={String(shown.completed)}>
          {t(shown.completed ? 'player.completed' : 'player.progress', { percent: String(Math.round(shown.watchedShare * 100)) })}
        </p>
      )}
    </div>
  );
}
