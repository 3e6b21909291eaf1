import type { CaptionTrackPlayerView } from '../captions/captions.view.js';

/** What GET /api/videos/:resourceId answers (the shared wire contract of issue 5). */
export interface VideoResponse {
  resourceId: string;
  title: string;
  description: string;
  /** Of what learners can see: 'ready' when a published media exists. */
  status: 'empty' | 'processing' | 'ready' | 'failed';
  media: null | {
    id: string;
    durationSeconds: number;
    width: number | null;
    height: number | null;
    audioOnly: boolean;
    masterUrl: string;
    posterUrl: string;
    thumbnails: string[];
    storyboardVttUrl: string | null;
    renditions: { name: string; height: number }[];
    /** Only when the teacher allows downloads. */
    downloadUrl: string | null;
  };
  /** Instructors (canEdit) only: the media being prepared. */
  processing: null | {
    mediaId: string;
    status: 'uploaded' | 'transcoding' | 'failed';
    progress: number | null;
    label: string | null;
    error: string | null;
    fileName: string;
    canRetry: boolean;
  };
  chapters: { startSeconds: number; title: string }[];
  /** The caption tracks of the published media (src/captions), one per language. */
  captions: CaptionTrackPlayerView[];
  allowDownload: boolean;
  completionThreshold: number;
  progress: null | { positionSeconds: number; watchedShare: number; completed: boolean; playedSegments: [number, number][] };
  canEdit: boolean;
  /**
   * `queueKey`: names the page's store of unsent statements, per viewer (an opaque hash of platform
   * and user) so that on a shared computer one person's leftovers are never sent under the next one's session.
   * `maxPlaybackRate`: the fastest speed the player offers (VIDEO_MAX_PLAYBACK_RATE): the server credits
   * no more watching than the wall-clock time allows at that speed.
   */
  tracking: { activityId: string; statementsUrl: string; sessionId: string; queueKey: string; maxPlaybackRate: number };
  upload: { endpoint: '/api/uploads/'; maxBytes: number } | null;
}
