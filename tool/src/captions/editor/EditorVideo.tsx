import { useEffect, useRef } from 'preact/hooks';
import type { VideoMedia } from '../../api/api-types.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { SeekBar } from '../../video/player/SeekBar.js';
import { useHls } from '../../video/player/useHls.js';
import { useMediaState } from '../../video/player/useMediaState.js';
import { formatCueTime } from './cue-time.js';

/** What the editor does with the preview: read the time, seek, play, play one cue. */
export interface EditorVideoController {
  time(): number;
  seek(seconds: number): void;
  togglePlay(): boolean;
  /** Plays from `start` and pauses at `end`. */
  playRange(start: number, end: number): void;
}

interface Props {
  media: VideoMedia;
  title: string;
  /** The edited cue at the playback position, drawn over the picture as it now reads. */
  overlay: string;
  controller: { current: EditorVideoController | null };
  onTime: (seconds: number) => void;
}

/**
 * The editor's preview: the published media through hls.js (as the player plays it), a light
 * control bar, and the cue being edited over the picture, so each change shows at once.
 * No statements are sent: the teacher's preview is not watching.
 */
export function EditorVideo({ media, title, overlay, controller, onTime }: Props) {
  const { t } = useI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  const regionRef = useRef<HTMLDivElement>(null);
  const stopAt = useRef<number | null>(null);
  const frame = useRef(0);
  useHls(videoRef, media.masterUrl, media.renditions);
  const state = useMediaState(videoRef, regionRef, media.durationSeconds);
  const playing = !state.paused && !state.ended;

  useEffect(() => onTime(state.currentTime), [state.currentTime]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const el = () => videoRef.current;
  /** While one cue plays, each frame checks whether its end is reached (timeupdate comes only 4 times a second). */
  const watchEnd = () => {
    cancelAnimationFrame(frame.current);
    const check = () => {
      const v = el();
      if (!v || stopAt.current === null) return;
      if (v.currentTime >= stopAt.current || v.paused) {
        if (!v.paused) v.pause();
        stopAt.current = null;
        return;
      }
      frame.current = requestAnimationFrame(check);
    };
    frame.current = requestAnimationFrame(check);
  };

  controller.current = {
    time: () => el()?.currentTime ?? 0,
    seek(seconds) {
      const v = el();
      stopAt.current = null;
      if (v) v.currentTime = Math.min(state.duration, Math.max(0, seconds));
    },
    togglePlay() {
      const v = el();
      if (!v) return false;
      stopAt.current = null;
      if (v.paused || v.ended) {
        v.play().catch(() => undefined);
        return true;
      }
      v.pause();
      return false;
    },
    playRange(start, end) {
      const v = el();
      if (!v) return;
      v.currentTime = Math.max(0, start);
      stopAt.current = end;
      v.play().then(watchEnd, () => undefined);
    },
  };

  return (
    <div
      ref={regionRef}
      class={`amphi-player amphi-captions-editor-video${media.audioOnly ? ' amphi-player--audio' : ''}`}
      role="region"
      aria-label={t('captions.editor.video', { title })}
      tabIndex={-1}
      data-testid="captions-editor-video"
    >
      <div class="amphi-player-stage">
        {media.audioOnly && <img class="amphi-player-artwork" src={media.posterUrl} alt="" />}
        <video
          ref={videoRef}
          class="amphi-player-video"
          poster={media.posterUrl}
          preload="metadata"
          playsInline
          data-testid="captions-editor-media"
          onClick={() => controller.current?.togglePlay()}
        />
        {overlay && (
          <div class="amphi-captions-overlay" aria-hidden="true" data-testid="captions-editor-overlay">
            {overlay.split('\n').map((line, i) => (
              <span key={i}>{line}</span>
            ))}
          </div>
        )}
      </div>
      <div class="amphi-player-controls">
        <SeekBar currentTime={state.currentTime} duration={state.duration} bufferedEnd={state.bufferedEnd} chapters={[]} storyboard={[]} onSeek={(s) => controller.current?.seek(s)} />
        <div class="amphi-player-bar">
          <button
            type="button"
            class="amphi-player-button"
            aria-label={playing ? t('player.pause') : t('player.play')}
            title={playing ? t('player.pause') : t('player.play')}
            data-testid="captions-editor-play"
            data-state={playing ? 'playing' : 'paused'}
            onClick={() => controller.current?.togglePlay()}
          >
            <Icon name={playing ? 'pause' : 'play'} size={20} />
          </button>
          <span class="amphi-player-time" data-testid="captions-editor-time">
            {t('player.time', { current: formatCueTime(state.currentTime, state.duration), duration: formatCueTime(state.duration, state.duration) })}
          </span>
        </div>
      </div>
    </div>
  );
}
