import type { Cue, CueLimits } from './format/cue.js';

/** The captions API's wire types (routes in captions.routes.ts); the tool imports them as types. */

export type CaptionKind = 'subtitles' | 'captions';
/** automatic: speech recognition; uploaded: a teacher's file; edited: changed in the editor; imported: came with a BigBlueButton recording. */
export type CaptionSource = 'automatic' | 'uploaded' | 'edited' | 'imported';

/** A track as the player gets it (VideoResponse.captions). */
export interface CaptionTrackPlayerView {
  id: string;
  /** BCP 47 (fr, fr-FR, en). */
  lang: string;
  label: string;
  kind: CaptionKind;
  version: number;
  /** The WebVTT of this version, signed like the media's files; another version has another URL. */
  url: string;
}

/** A track as its teachers see it (the captions panel, the editor). */
export interface CaptionTrackView extends CaptionTrackPlayerView {
  source: CaptionSource;
  cueCount: number;
  /** Cues outside the limits (CueLimits) in this version. */
  warningCount: number;
  updatedAt: string;
  /** The name of who made this version (null: automatic, or unknown). */
  updatedBy: string | null;
}

/** Automatic captions being made (or that failed) for a language of the video. */
export interface CaptionGenerationView {
  lang: string;
  status: 'queued' | 'running' | 'failed';
  /** 0..1, null before the first report. */
  progress: number | null;
  /** What is being done: 'audio' | 'recognition' | 'cues' (the tool translates). */
  progressLabel: string | null;
  /** Why it failed: a code the tool translates ('no-audio', 'engine-failed', 'cancelled', 'no-speech'), with the engine's detail for admins in logs only. */
  error: string | null;
  canRetry: boolean;
}

/** A language that automatic captions can be made in, and by which engine. */
export interface CaptionEngineView {
  lang: string;
  engine: 'vosk' | 'pocketsphinx';
}

/** GET /api/videos/:resourceId/captions (instructors). */
export interface CaptionsResponse {
  resourceId: string;
  /** The published media the tracks belong to; null when there is none yet (nothing to caption). */
  mediaId: string | null;
  /**
   * False in a course copy that plays its original's video: the tracks belong to the original
   * resource and are changed from there (the panel lists them, read-only, and says so).
   */
  editable: boolean;
  /** Whether the media has sound (false: automatic captions are not offered). */
  hasAudio: boolean;
  tracks: CaptionTrackView[];
  generations: CaptionGenerationView[];
  /** Empty: no engine is configured on this server (the button says so). */
  engines: CaptionEngineView[];
  /** The platform makes captions automatically after each upload. */
  autoGenerate: boolean;
  limits: CueLimits;
  /** Largest caption file an import takes. */
  maxImportBytes: number;
}

/** POST /api/videos/:resourceId/captions/generate */
export interface GenerateCaptionsBody {
  lang: string;
}

/** A change made to an imported file so it could be kept (the import report). */
export interface CaptionRepair {
  code:
    | 'encoding-converted'
    | 'timestamp-repaired'
    | 'cue-dropped-bad-timing'
    | 'cue-dropped-empty'
    | 'overlap-trimmed'
    | 'order-sorted'
    | 'markup-removed'
    | 'duration-shortened'
    | 'settings-dropped'
    | 'header-added';
  /** 1-based cue number in the file, or null for the whole file. */
  cue: number | null;
  /** E.g. the encoding the file was read as. */
  detail?: string;
}

/**
 * POST /api/videos/:resourceId/captions/import?lang=fr&kind=subtitles&label=…&fileName=…
 * with the file's bytes as the body (application/octet-stream): the server finds the encoding.
 */
export interface ImportCaptionsResponse {
  track: CaptionTrackView;
  report: CaptionRepair[];
}

/** GET /api/captions/:trackId (instructors): the current version's cues. */
export interface CaptionTrackDetail {
  track: CaptionTrackView;
  cues: Cue[];
  limits: CueLimits;
  /** The published media's duration (the editor keeps cues inside it). */
  durationSeconds: number;
}

/** PUT /api/captions/:trackId: a new version (409 captions-version-conflict when baseVersion is not the current one). */
export interface SaveCaptionsBody {
  baseVersion: number;
  cues: Cue[];
}

/** PATCH /api/captions/:trackId */
export interface UpdateCaptionTrackBody {
  label?: string;
  kind?: CaptionKind;
}

export interface CaptionVersionView {
  version: number;
  source: CaptionSource;
  createdAt: string;
  createdBy: string | null;
  cueCount: number;
}

/** GET /api/captions/:trackId/versions, newest first. */
export interface CaptionVersionsResponse {
  versions: CaptionVersionView[];
}

/** GET /api/captions/:trackId/export?format=vtt|srt|txt answers the file (attachment). */
export type CaptionExportFormat = 'vtt' | 'srt' | 'txt';
