import { useEffect, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

export interface MediaState {
  paused: boolean;
  ended: boolean;
  waiting: boolean;
  currentTime: number;
  duration: number;
  volume: number;
  muted: boolean;
  rate: number;
  /** Seconds buffered ahead of the playhead's range end. */
  bufferedEnd: number;
  fullScreen: boolean;
}

const EVENTS = ['play', 'pause', 'playing', 'waiting', 'ended', 'timeupdate', 'durationchange', 'loadedmetadata', 'volumechange', 'ratechange', 'progress', 'seeked'];

/** The `<video>`'s state, re-read on its events (the element is the truth). */
export function useMediaState(videoRef: RefObject<HTMLVideoElement | null>, containerRef: RefObject<HTMLElement | null>, knownDuration: number): MediaState {
  const read = (): MediaState => {
    const v = videoRef.current;
    const duration = v && Number.isFinite(v.duration) && v.duration > 0 ? v.duration : knownDuration;
    return {
      paused: v?.paused ?? true,
      ended: v?.ended ?? false,
      waiting: false,
      currentTime: v?.currentTime ?? 0,
      duration,
      volume: v?.volume ?? 1,
      muted: v?.muted ?? false,
      rate: v?.playbackRate ?? 1,
      bufferedEnd: v && v.buffered.length ? v.buffered.end(v.buffered.length - 1) : 0,
      fullScreen: !!containerRef.current && document.fullscreenElement === containerRef.current,
    };
  };
  const [state, setState] = useState<MediaState>(read);

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    const update = (event: Event) => setState({ ...read(), waiting: event.type === 'waiting' });
    for (const name of EVENTS) v.addEventListener(name, update);
    document.addEventListener('fullscreenchange', update);
    return () => {
      for (const name of EVENTS) v.removeEventListener(name, update);
      document.removeEventListener('fullscreenchange', update);
    };
  }, [knownDuration]);

  return state;
}
