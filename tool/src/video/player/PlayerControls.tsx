import type { VideoCaptionTrack, VideoChapter } from '../../api/api-types.js';
import { Icon } from '../../components/Icon.js';
import type { Formatter } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { MenuButton } from './MenuButton.js';
import { SeekBar } from './SeekBar.js';
import type { StoryboardCue } from './storyboard.js';
import { formatClock } from './time-format.js';
import type { QualityLevel } from './useHls.js';
import type { MediaState } from './useMediaState.js';

export interface PlayerActions {
  togglePlay(): void;
  seekTo(time: number): void;
  setVolume(volume: number): void;
  toggleMute(): void;
  setSpeed(rate: number): void;
  selectQuality(index: number): void;
  /** A caption track by id, or null for none. */
  selectCaptions(trackId: string | null): void;
  toggleFullScreen(): void;
}

interface Props {
  state: MediaState;
  actions: PlayerActions;
  chapters: VideoChapter[];
  currentChapter: VideoChapter | undefined;
  storyboard: StoryboardCue[];
  levels: QualityLevel[];
  selectedLevel: number;
  playingLevel: number;
  captions: VideoCaptionTrack[];
  captionsTrackId: string | null;
  audioOnly: boolean;
  /** The speeds offered (playbackSpeeds). */
  speeds: readonly number[];
}

/** "1.5×" / "1,5×": the rate in the page's numbers. */
export const speedLabel = (format: Formatter, rate: number) => `${format.number(rate, 2)}×`;

/** The control bar under the picture: every control a real button, slider or menu, labelled. */
export function PlayerControls(p: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const { state, actions } = p;
  const playing = !state.paused && !state.ended;
  const autoName = p.levels.find((l) => l.index === p.playingLevel)?.name;
  const qualityName =
    p.selectedLevel === -1
      ? autoName
        ? t('player.quality.autoPlaying', { name: autoName })
        : t('player.quality.auto')
      : (p.levels.find((l) => l.index === p.selectedLevel)?.name ?? '');
  const captionsLabel = p.captions.find((c) => c.id === p.captionsTrackId)?.label ?? t('player.captions.off');

  return (
    <div class="amphi-player-controls" data-testid="player-controls">
      <SeekBar
        currentTime={state.currentTime}
        duration={state.duration}
        bufferedEnd={state.bufferedEnd}
        chapters={p.chapters}
        storyboard={p.storyboard}
        onSeek={actions.seekTo}
      />
      <div class="amphi-player-bar">
        <button
          type="button"
          class="amphi-player-button"
          aria-label={playing ? t('player.pause') : t('player.play')}
          title={playing ? t('player.pause') : t('player.play')}
          data-testid="player-play"
          data-state={playing ? 'playing' : 'paused'}
          onClick={actions.togglePlay}
        >
          <Icon name={playing ? 'pause' : 'play'} size={20} />
        </button>
        <span class="amphi-player-time" data-testid="player-time">
          {t('player.time', { current: formatClock(state.currentTime), duration: formatClock(state.duration) })}
        </span>
        <button
          type="button"
          class="amphi-player-button"
          aria-label={state.muted ? t('player.unmute') : t('player.mute')}
          title={state.muted ? t('player.unmute') : t('player.mute')}
          aria-pressed={state.muted}
          data-testid="player-mute"
          onClick={actions.toggleMute}
        >
          <Icon name={state.muted ? 'mute' : 'volume'} size={20} />
        </button>
        <input
          type="range"
          class="amphi-player-volume"
          min={0}
          max={1}
          step={0.05}
          value={state.muted ? 0 : state.volume}
          aria-label={t('player.volume')}
          aria-valuetext={format.percent(state.muted ? 0 : state.volume)}
          data-testid="player-volume"
          onInput={(e) => actions.setVolume(Number((e.currentTarget as HTMLInputElement).value))}
        />
        {p.currentChapter && (
          <span class="amphi-player-chapter" data-testid="player-current-chapter">
            {t('player.chapters.current', { title: p.currentChapter.title })}
          </span>
        )}
        <span class="amphi-player-spacer" />
        <MenuButton
          label={t('player.speed.current', { speed: speedLabel(format, state.rate) })}
          options={p.speeds.map((s) => ({ value: s, label: s === 1 ? t('player.speed.normal') : t('player.speed.option', { speed: format.number(s, 2) }) }))}
          selected={state.rate}
          onSelect={actions.setSpeed}
          testId="player-speed"
        >
          <span class="amphi-player-button-text">{speedLabel(format, state.rate)}</span>
        </MenuButton>
        {!p.audioOnly && p.levels.length > 0 && (
          <MenuButton
            label={t('player.quality.current', { name: qualityName })}
            options={[{ value: -1, label: t('player.quality.auto') }, ...p.levels.map((l) => ({ value: l.index, label: l.name }))]}
            selected={p.selectedLevel}
            onSelect={actions.selectQuality}
            testId="player-quality"
          >
            <Icon name="settings" size={20} />
          </MenuButton>
        )}
        {p.captions.length > 0 && (
          <MenuButton
            label={t('player.captions.current', { label: captionsLabel })}
            options={[{ value: null as string | null, label: t('player.captions.off') }, ...p.captions.map((c) => ({ value: c.id as string | null, label: c.label }))]}
            selected={p.captionsTrackId}
            onSelect={actions.selectCaptions}
            testId="player-captions"
          >
            <Icon name="captions" size={20} />
          </MenuButton>
        )}
        {!p.audioOnly && (
          <button
            type="button"
            class="amphi-player-button"
            aria-label={state.fullScreen ? t('player.fullscreen.exit') : t('player.fullscreen.enter')}
            title={state.fullScreen ? t('player.fullscreen.exit') : t('player.fullscreen.enter')}
            data-testid="player-fullscreen"
            onClick={actions.toggleFullScreen}
          >
            <Icon name={state.fullScreen ? 'fullscreenExit' : 'fullscreen'} size={20} />
          </button>
        )}
      </div>
    </div>
  );
}
