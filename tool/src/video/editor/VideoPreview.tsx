import { useRef } from 'preact/hooks';
import type { VideoResponse } from '../../api/api-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { VideoPlayer } from '../player/VideoPlayer.js';
import { ProcessingBadge } from './ProcessingBadge.js';

interface Props {
  video: VideoResponse;
  /** Filled with a reader of the player's position (null when no player is shown). */
  playerTime: { current: (() => number | null) | null };
}

/**
 * What students see, with the teacher's status badge: the published video in the real player
 * (the preview's plays are the teacher's, not a student's: staff progress is not kept), or
 * a plain sentence when there is nothing to play yet.
 */
export function VideoPreview({ video, playerTime }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  // The <video> element is the truth about the position, whatever the player's inner state.
  playerTime.current = video.media ? () => box.current?.querySelector('video')?.currentTime ?? null : null;
  return (
    <section class="amphi-card amphi-stack" aria-labelledby="amphi-preview-heading" data-testid="video-preview">
      <div class="amphi-video-preview-header">
        <h3 id="amphi-preview-heading">{t('videoEditor.preview.heading')}</h3>
        <ProcessingBadge video={video} />
      </div>
      {video.media ? (
        <div ref={box} class="amphi-video-preview">
          {/* A new media is a new player: hls.js and the tracker start afresh. */}
          <VideoPlayer key={video.media.id} video={video} tracking={false} />
        </div>
      ) : (
        <p class="amphi-muted" data-testid="video-preview-empty">
          {t(video.processing ? 'videoEditor.preview.notReady' : 'videoEditor.preview.empty')}
        </p>
      )}
    </section>
  );
}
