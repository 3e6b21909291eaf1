import type { RefObject } from 'preact';
import type { VideoCaptionTrack } from '../../api/api-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { actionForKey, type KeyInfo } from './player-keys.js';
import { speedLabel, type PlayerActions } from './PlayerControls.js';
import type { HlsStream } from './useHls.js';
import type { Tracking } from './useVideoTracking.js';

interface Options {
  videoRef: RefObject<HTMLVideoElement | null>;
  regionRef: RefObject<HTMLElement | null>;
  duration: number;
  audioOnly: boolean;
  hls: HlsStream;
  tracker: Tracking;
  captions: VideoCaptionTrack[];
  /** The shown track's id (null: captions off). */
  captionsTrackId: string | null;
  setCaptionsTrackId(trackId: string | null): void;
  /** What the polite live region says next. */
  announce(message: string): void;
  /** The person pressed play or pause (the resume choice is then made). */
  onPlayToggled(): void;
}

/** What has focus, for the shortcuts (player-keys.ts): a control keeps its own keys. */
function keyTarget(target: EventTarget | null): KeyInfo['target'] {
  const el = target as HTMLElement | null;
  const role = el?.getAttribute?.('role');
  if (role === 'slider' || (el instanceof HTMLInputElement && el.type === 'range')) return 'slider';
  if (role === 'menu' || role === 'menuitemradio') return 'menu';
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return 'field';
  if (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement) return 'button';
  return 'other';
}

/** `"auto"` or the rendition's name, as the quality menu and the xAPI quality extension say it. */
export function qualityName(hls: HlsStream, index: number): string {
  return index === -1 ? 'auto' : (hls.levels.find((l) => l.index === index)?.name ?? 'auto');
}

/**
 * The player's actions on the `<video>` (buttons, menus and shortcuts all go through them, so
 * each announces itself once) and the keyboard handler of the player region.
 */
export function usePlayerActions(o: Options): { actions: PlayerActions; onKeyDown(e: KeyboardEvent): void } {
  const { t, locale } = useI18n();
  const format = useFormatter();
  const el = () => o.videoRef.current;
  const actions: PlayerActions = {
    togglePlay() {
      const v = el();
      if (!v) return;
      o.onPlayToggled();
      if (v.paused || v.ended) {
        v.play().catch(() => undefined);
        o.announce(t('player.status.playing'));
      } else {
        v.pause();
        o.announce(t('player.status.paused'));
      }
    },
    seekTo(time) {
      const v = el();
      if (v) v.currentTime = Math.min(o.duration, Math.max(0, time));
    },
    setVolume(volume) {
      const v = el();
      if (!v) return;
      v.volume = Math.min(1, Math.max(0, Math.round(volume * 100) / 100));
      v.muted = v.volume === 0;
    },
    toggleMute() {
      const v = el();
      if (!v) return;
      v.muted = !v.muted;
      if (!v.muted && v.volume === 0) v.volume = 0.5;
      o.announce(v.muted ? t('player.status.muted') : t('player.status.soundOn', { percent: format.percent(v.volume) }));
    },
    setSpeed(rate) {
      const v = el();
      if (!v) return;
      v.playbackRate = rate;
      o.announce(t('player.status.speed', { speed: speedLabel(format, rate) }));
    },
    selectQuality(index) {
      o.hls.selectLevel(index);
      o.tracker.interact({ quality: qualityName(o.hls, index) });
      o.announce(t('player.status.quality', { name: index === -1 ? t('player.quality.auto') : qualityName(o.hls, index) }));
    },
    selectCaptions(trackId) {
      // Only a track of this video: its language is what the cc-subtitle-lang extension says.
      const track = o.captions.find((c) => c.id === trackId) ?? null;
      o.setCaptionsTrackId(track?.id ?? null);
      o.tracker.interact({ ccSubtitleEnabled: track !== null, ...(track ? { ccSubtitleLang: track.lang } : {}) });
      o.announce(track ? t('player.status.captionsOn', { label: track.label }) : t('player.status.captionsOff'));
    },
    toggleFullScreen() {
      const region = o.regionRef.current;
      if (!region) return;
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void region.requestFullscreen?.().catch(() => undefined);
    },
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const action = actionForKey({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: keyTarget(e.target) }, o.duration);
    if (!action) return;
    e.preventDefault();
    const v = el();
    switch (action.type) {
      case 'toggle-play':
        return actions.togglePlay();
      case 'seek-by':
        return actions.seekTo((v?.currentTime ?? 0) + action.seconds);
      case 'seek-to':
        return actions.seekTo(action.seconds);
      case 'seek-to-fraction':
        return actions.seekTo(o.duration * action.fraction);
      case 'volume-by':
        return actions.setVolume((v?.muted ? 0 : (v?.volume ?? 1)) + action.delta);
      case 'toggle-mute':
        return actions.toggleMute();
      case 'toggle-fullscreen':
        return o.audioOnly ? undefined : actions.toggleFullScreen();
      case 'toggle-captions': {
        if (o.captions.length === 0) return o.announce(t('player.status.noCaptions'));
        const preferred = o.captions.find((c) => c.lang.split('-')[0] === locale) ?? o.captions[0]!;
        return actions.selectCaptions(o.captionsTrackId ? null : preferred.id);
      }
    }
  };

  return { actions, onKeyDown };
}
