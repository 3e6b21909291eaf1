import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { VideoProgress, VideoResponse } from '../../api/api-types.js';
import { useApi } from '../../api/ApiContext.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ChapterList } from './ChapterList.js';
import { PlayerControls } from './PlayerControls.js';
import { playbackSpeeds } from './player-keys.js';
import { PlayerStatus } from './PlayerStatus.js';
import { ResumePrompt } from './ResumePrompt.js';
import { ShortcutList } from './ShortcutList.js';
import { TranscriptPanel } from './TranscriptPanel.js';
import { chapterIndexAt, resumePosition } from './time-format.js';
import { useHls } from './useHls.js';
import { useMediaState } from './useMediaState.js';
import { qualityName, usePlayerActions } from './usePlayerActions.js';
import { useStoryboard } from './useStoryboard.js';
import { useVideoTracking, type TrackedChoices } from './useVideoTracking.js';
import type { Segment } from '../xapi/played-segments.js';

export interface VideoPlayerProps {
  video: VideoResponse;
  /** The server's answer to each batch of statements (the learner's progress). */
  onProgress?: (progress: VideoProgress) => void;
  /** This session's played segments, about every second while playing: the shown share grows with them. */
  onPlayed?: (segments: readonly Segment[]) => void;
  /** Send xAPI statements (default true); the teacher's preview does not. */
  tracking?: boolean;
  /**
   * Loads the video again (fresh signed media URLs, which expire): called with "Try again"
   * after a network error.
   */
  onReload?: () => void;
}

/**
 * The accessible HLS player: custom controls over a `<video>` (no native controls), full
 * keyboard (player-keys.ts), captions, chapters, quality, resume, and the xAPI tracker.
 * `video.media` must be set (LearnerVideo shows the other states).
 */
export function VideoPlayer({ video, onProgress, onPlayed, tracking = true, onReload }: VideoPlayerProps) {
  const { t, locale } = useI18n();
  const client = useApi();
  const media = video.media!;
  const videoRef = useRef<HTMLVideoElement>(null);
  const regionRef = useRef<HTMLDivElement>(null);
  /** The shown captions, by track id: their language is always a real track's (the xAPI cc-subtitle-lang). */
  const [captionsTrackId, setCaptionsTrackId] = useState<string | null>(null);
  const captionsTrack = video.captions.find((c) => c.id === captionsTrackId) ?? null;
  const captionsLang = captionsTrack?.lang ?? null;
  const [transcriptOpen, setTranscriptOpen] = useState(false);
  const transcriptId = useId();
  const [announcement, setAnnouncement] = useState('');
  const resumeAt = useMemo(() => resumePosition(video.progress?.positionSeconds, media.durationSeconds), [media.id]);
  const [resumeOpen, setResumeOpen] = useState(resumeAt !== null);

  const hls = useHls(videoRef, media.masterUrl, media.renditions);
  const state = useMediaState(videoRef, regionRef, media.durationSeconds);
  const storyboard = useStoryboard(media.storyboardVttUrl);
  const choicesRef = useRef<TrackedChoices>({ ccSubtitleEnabled: false, ccSubtitleLang: null, quality: 'auto' });
  choicesRef.current = { ccSubtitleEnabled: captionsLang !== null, ccSubtitleLang: captionsLang, quality: qualityName(hls, hls.selectedLevel) };
  const tracker = useVideoTracking(tracking, video, locale, client, videoRef, choicesRef, onProgress, onPlayed);

  // Resume where the learner stopped: the position is set as soon as the media can seek.
  useEffect(() => {
    const el = videoRef.current;
    if (!el || resumeAt === null) return;
    const seek = () => (el.currentTime = resumeAt);
    if (el.readyState >= 1) seek();
    else el.addEventListener('loadedmetadata', seek, { once: true });
    return () => el.removeEventListener('loadedmetadata', seek);
  }, [media.id]);

  // Captions: the chosen `<track>` shows, the others are off.
  useEffect(() => {
    const tracks = videoRef.current?.textTracks;
    if (!tracks) return;
    const shown = captionsTrack ? trackElementId(captionsTrack.id) : null;
    for (const track of Array.from(tracks)) track.mode = track.id === shown ? 'showing' : 'disabled';
  }, [captionsTrack?.id, video.captions]);

  const retry = () => {
    if (hls.error === 'network') onReload?.();
    hls.retry();
  };

  const chapterIndex = chapterIndexAt(video.chapters, state.currentTime);
  const { actions, onKeyDown } = usePlayerActions({
    videoRef,
    regionRef,
    duration: state.duration,
    audioOnly: media.audioOnly,
    hls,
    tracker,
    captions: video.captions,
    captionsTrackId: captionsTrack?.id ?? null,
    setCaptionsTrackId,
    announce: setAnnouncement,
    onPlayToggled: () => setResumeOpen(false),
  });

  return (
    <div class="amphi-player-wrap">
      <div
        ref={regionRef}
        class={`amphi-player${media.audioOnly ? ' amphi-player--audio' : ''}`}
        role="region"
        aria-label={t(media.audioOnly ? 'player.regionAudio' : 'player.region', { title: video.title })}
        tabIndex={-1}
        data-testid="video-player"
        data-engine={hls.engine ?? ''}
        data-level={hls.playingLevel}
        onKeyDown={onKeyDown}
      >
        <div class="amphi-player-stage">
          {media.audioOnly && <img class="amphi-player-artwork" src={media.posterUrl} alt="" />}
          <video
            ref={videoRef}
            class="amphi-player-video"
            poster={media.posterUrl}
            preload="metadata"
            playsInline
            data-testid="player-video"
            onClick={() => {
              regionRef.current?.focus();
              actions.togglePlay();
            }}
          >
            {video.captions.map((c) => (
              <track key={c.id} id={trackElementId(c.id)} kind={c.kind} src={c.url} srcLang={c.lang} label={c.label} />
            ))}
          </video>
          {resumeOpen && resumeAt !== null && (
            <ResumePrompt
              at={resumeAt}
              onResume={() => actions.togglePlay()}
              onStartOver={() => {
                actions.seekTo(0);
                actions.togglePlay();
              }}
            />
          )}
          {state.waiting && !hls.error && (
            <span class="amphi-player-buffering" aria-hidden="true">
              <Icon name="clock" size={32} />
            </span>
          )}
        </div>
        {hls.error && (
          <div class="amphi-alert amphi-player-error" role="alert" data-testid="player-error">
            <Icon name="alert" size={22} />
            <p>{t(`player.error.${hls.error}`)}</p>
            {hls.error !== 'unsupported' && (
              <button type="button" class="amphi-button amphi-button-small" onClick={retry} data-testid="player-retry">
                {t('player.retry')}
              </button>
            )}
          </div>
        )}
        <PlayerControls
          state={state}
          actions={actions}
          chapters={video.chapters}
          currentChapter={video.chapters[chapterIndex]}
          storyboard={storyboard}
          levels={hls.levels}
          selectedLevel={hls.selectedLevel}
          playingLevel={hls.playingLevel}
          captions={video.captions}
          captionsTrackId={captionsTrack?.id ?? null}
          audioOnly={media.audioOnly}
          speeds={playbackSpeeds(video.tracking.maxPlaybackRate)}
        />
        <PlayerStatus message={announcement} ended={state.ended} />
      </div>
      <ChapterList chapters={video.chapters} current={chapterIndex} onJump={(time) => actions.seekTo(time)} />
      <div class="amphi-player-extras">
        <ShortcutList />
        {video.captions.length > 0 && (
          <button
            type="button"
            class="amphi-button amphi-button-small amphi-button-secondary amphi-transcript-toggle"
            aria-expanded={transcriptOpen}
            aria-controls={transcriptOpen ? transcriptId : undefined}
            data-testid="transcript-toggle"
            onClick={() => setTranscriptOpen((open) => !open)}
          >
            <Icon name="text" />
            <span>{t('transcript.toggle')}</span>
          </button>
        )}
        {media.downloadUrl && (
          <a class="amphi-player-download" href={media.downloadUrl} download data-testid="player-download">
            <Icon name="download" />
            <span>{t('player.download')}</span>
          </a>
        )}
      </div>
      {transcriptOpen && video.captions.length > 0 && (
        <TranscriptPanel
          id={transcriptId}
          title={video.title}
          tracks={video.captions}
          preferredTrackId={captionsTrack?.id ?? null}
          currentTime={state.currentTime}
          onSeek={(time) => actions.seekTo(time)}
        />
      )}
    </div>
  );
}

/** The `<track>` element's id, which its TextTrack reports as `id`. */
const trackElementId = (trackId: string) => `amphi-track-${trackId}`;
