import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

export interface QualityLevel {
  /** hls.js level index. */
  index: number;
  height: number;
  name: string;
}

export type StreamError = 'network' | 'media' | 'unsupported';

export interface HlsStream {
  /** Renditions from hls.js (empty with native HLS, which chooses by itself). */
  levels: QualityLevel[];
  /** -1 = Auto. */
  selectedLevel: number;
  /** The level playing now (what Auto chose). */
  playingLevel: number;
  selectLevel(index: number): void;
  error: StreamError | null;
  retry(): void;
  /** hls.js or the browser's own HLS. */
  engine: 'hls.js' | 'native' | null;
}

/**
 * Plays the HLS master playlist in the `<video>`: hls.js over Media Source Extensions where the
 * browser has them, else the browser's own HLS (Safari, iOS). Fatal errors become `error`, and
 * `retry` starts loading again.
 */
/**
 * hls.js's light build (no alternate audio, in-stream subtitles or DRM: captions come as WebVTT
 * `<track>`s), typed as the full build, whose API it shares (the package ships no light typings).
 */
const loadHls = () => import('hls.js/light' as string) as Promise<typeof import('hls.js')>;

export function useHls(videoRef: RefObject<HTMLVideoElement | null>, src: string, names: { height: number; name: string }[]): HlsStream {
  const hlsRef = useRef<Hls | null>(null);
  const [levels, setLevels] = useState<QualityLevel[]>([]);
  const [selectedLevel, setSelectedLevel] = useState(-1);
  const [playingLevel, setPlayingLevel] = useState(-1);
  const [error, setError] = useState<StreamError | null>(null);
  const [engine, setEngine] = useState<HlsStream['engine']>(null);
  const [attempt, setAttempt] = useState(0);
  const positionRef = useRef(0);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    setError(null);
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    // Attached again (retry, or fresh signed URLs): go back to where playback was.
    const resumeAt = positionRef.current;
    if (resumeAt > 0) video.addEventListener('loadedmetadata', () => (video.currentTime = resumeAt), { once: true });
    // hls.js is loaded with the first player only: pages without video stay small.
    void loadHls().then(({ default: HlsClass }) => {
      if (cancelled) return;
      if (HlsClass.isSupported()) cleanup = attachHls(HlsClass, video);
      else cleanup = attachNative(video);
    }, () => !cancelled && setError('network'));
    return () => {
      cancelled = true;
      positionRef.current = video.currentTime;
      cleanup?.();
    };
  }, [src, attempt]);

  function attachHls(HlsClass: typeof Hls, video: HTMLVideoElement): () => void {
    // No worker: the CSP allows scripts from 'self' only, not the blob: worker hls.js would make.
    const hls = new HlsClass({ enableWorker: false, capLevelToPlayerSize: false, startLevel: -1 });
    hlsRef.current = hls;
    setEngine('hls.js');
    hls.on(HlsClass.Events.MANIFEST_PARSED, (_e, data) => {
      setLevels(
        data.levels
          .map((level, index) => ({
            index,
            height: level.height,
            name: names.find((n) => n.height === level.height)?.name ?? `${level.height}p`,
          }))
          .sort((a, b) => b.height - a.height),
      );
    });
    hls.on(HlsClass.Events.LEVEL_SWITCHED, (_e, data) => setPlayingLevel(data.level));
    let mediaRecoveries = 0;
    hls.on(HlsClass.Events.ERROR, (_e, data: ErrorData) => {
      if (!data.fatal) return;
      if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 2) return hls.recoverMediaError();
      setError(data.type === HlsClass.ErrorTypes.NETWORK_ERROR ? 'network' : 'media');
      hls.stopLoad();
    });
    hls.loadSource(src);
    hls.attachMedia(video);
    return () => {
      hls.destroy();
      hlsRef.current = null;
    };
  }

  /** Safari and iOS play HLS themselves (and have no Media Source Extensions on iPhone). */
  function attachNative(video: HTMLVideoElement): () => void {
    if (!video.canPlayType('application/vnd.apple.mpegurl')) {
      setError('unsupported');
      return () => undefined;
    }
    setEngine('native');
    video.src = src;
    const onError = () => setError(video.error?.code === MediaError.MEDIA_ERR_NETWORK ? 'network' : 'media');
    video.addEventListener('error', onError);
    return () => {
      video.removeEventListener('error', onError);
      video.removeAttribute('src');
      video.load();
    };
  }

  const selectLevel = useCallback((index: number) => {
    const hls = hlsRef.current;
    if (!hls) return;
    // nextLevel switches at the next segment, without flushing what is buffered (no stall).
    hls.nextLevel = index;
    if (index === -1) hls.currentLevel = -1;
    setSelectedLevel(index);
  }, []);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  return { levels, selectedLevel, playingLevel, selectLevel, error, retry, engine };
}
