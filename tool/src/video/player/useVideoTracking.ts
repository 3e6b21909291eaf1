import { useEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { ApiClient } from '../../api/api-client.js';
import type { StatementsResponse, VideoProgress, VideoResponse } from '../../api/api-types.js';
import { postStatements } from '../../api/video-api.js';
import { StatementQueue, browserStorage, statementStorageKey } from '../xapi/statement-queue.js';
import type { PlayerState } from '../xapi/video-profile.js';
import type { Segment } from '../xapi/played-segments.js';
import { VideoTracker } from '../xapi/video-tracker.js';

/** What the player knows that the `<video>` does not (captions, quality choice). */
export interface TrackedChoices {
  ccSubtitleEnabled: boolean;
  ccSubtitleLang: string | null;
  quality: string;
}

export interface Tracking {
  /** A choice made in a menu (captions, quality): sends interacted. */
  interact(changed: Partial<PlayerState>): void;
}

const size = (w: number, h: number) => `${Math.round(w)}x${Math.round(h)}`;

/** How often, while playing, the page hears of the segments played (the shown share grows at this pace). */
export const PLAYED_REPORT_MS = 1000;

/**
 * Follows the `<video>` and sends the xAPI video profile's statements for one viewing session
 * (VideoResponse.tracking.sessionId). The session ends (terminated) when the page is hidden for
 * good (pagehide) or the player goes away; what is unsent then leaves with sendBeacon.
 */
export function useVideoTracking(
  enabled: boolean,
  video: VideoResponse,
  lang: string,
  client: ApiClient,
  videoRef: RefObject<HTMLVideoElement | null>,
  choicesRef: RefObject<TrackedChoices>,
  onProgress?: (progress: VideoProgress) => void,
  onPlayed?: (segments: readonly Segment[]) => void,
): Tracking {
  const trackerRef = useRef<VideoTracker | null>(null);
  const onProgressRef = useRef(onProgress);
  onProgressRef.current = onProgress;
  const onPlayedRef = useRef(onPlayed);
  onPlayedRef.current = onPlayed;

  useEffect(() => {
    const element = videoRef.current;
    if (!enabled || !element || !video.media) return;
    const el: HTMLVideoElement = element;
    const { tracking, media } = video;
    const queue = new StatementQueue<StatementsResponse>({
      url: tracking.statementsUrl,
      storageKey: statementStorageKey(video.tracking.queueKey),
      storage: browserStorage(),
      token: () => client.token(),
      send: (url, statements) => postStatements(client, url, statements),
      beacon: typeof navigator.sendBeacon === 'function' ? (url, body) => navigator.sendBeacon(url, body) : undefined,
      onAcknowledged: (ack) => onProgressRef.current?.(ack.progress),
    });
    const tracker = new VideoTracker({
      activityId: tracking.activityId,
      sessionId: tracking.sessionId,
      title: video.title,
      lang,
      durationSeconds: media.durationSeconds,
      completionThreshold: video.completionThreshold,
      emit: (statement) => queue.push(statement),
    });
    trackerRef.current = tracker;

    const state = (): PlayerState => ({
      ...choicesRef.current,
      fullScreen: document.fullscreenElement !== null,
      screenSize: size(window.screen.width, window.screen.height),
      videoPlaybackSize: size(el.clientWidth, el.clientHeight),
      speed: el.playbackRate,
      volume: el.muted ? 0 : el.volume,
      userAgent: navigator.userAgent,
    });
    tracker.initialize(state());
    void queue.flush();

    // The position before a seek: `currentTime` already reads the target when `seeking` fires.
    let lastTime = el.currentTime;
    let seekFrom: number | null = null;
    let volumeTimer: ReturnType<typeof setTimeout> | undefined;
    let lastVolume = state().volume;
    let lastRate = el.playbackRate;
    // The page's own display only (nothing is sent): at most once a PLAYED_REPORT_MS while playing, and at each stop.
    let reportedAt = -Infinity;
    const reportPlayed = (now = true) => {
      if (!now && performance.now() - reportedAt < PLAYED_REPORT_MS) return;
      reportedAt = performance.now();
      onPlayedRef.current?.(tracker.playedSegments());
    };
    const on: Record<string, () => void> = {
      play: () => tracker.play(el.currentTime),
      pause: () => {
        tracker.pause(el.currentTime);
        reportPlayed();
      },
      timeupdate: () => {
        if (el.seeking) return;
        lastTime = el.currentTime;
        tracker.timeUpdate(lastTime);
        reportPlayed(false);
      },
      seeking: () => {
        seekFrom ??= lastTime;
      },
      seeked: () => {
        if (seekFrom !== null) tracker.seek(seekFrom, el.currentTime);
        seekFrom = null;
        lastTime = el.currentTime;
      },
      ratechange: () => {
        // Faster than the server credits (set by a browser extension or the console): back to the fastest it does.
        if (el.playbackRate > tracking.maxPlaybackRate) {
          el.playbackRate = tracking.maxPlaybackRate;
          return;
        }
        if (el.playbackRate !== lastRate) tracker.interact(el.currentTime, { speed: (lastRate = el.playbackRate) });
      },
      // A volume slider moves in many small steps: one statement when it settles.
      volumechange: () => {
        clearTimeout(volumeTimer);
        volumeTimer = setTimeout(() => {
          const volume = el.muted ? 0 : el.volume;
          if (volume !== lastVolume) tracker.interact(el.currentTime, { volume: (lastVolume = volume) });
        }, 600);
      },
    };
    for (const [name, handler] of Object.entries(on)) el.addEventListener(name, handler);
    const onFullScreen = () => tracker.interact(el.currentTime, { fullScreen: document.fullscreenElement !== null });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') queue.flushWithBeacon();
    };
    const onPageHide = () => {
      tracker.terminate(el.currentTime);
      queue.flushWithBeacon();
    };
    document.addEventListener('fullscreenchange', onFullScreen);
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);

    return () => {
      for (const [name, handler] of Object.entries(on)) el.removeEventListener(name, handler);
      document.removeEventListener('fullscreenchange', onFullScreen);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      clearTimeout(volumeTimer);
      tracker.terminate(el.currentTime);
      void queue.flush().finally(() => queue.stop());
      trackerRef.current = null;
    };
  }, [enabled, video.tracking.sessionId, video.media?.id]);

  return {
    interact(changed) {
      const el = videoRef.current;
      trackerRef.current?.interact(el?.currentTime ?? 0, changed);
    },
  };
}
