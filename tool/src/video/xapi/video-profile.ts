/**
 * The xAPI video profile's words (https://w3id.org/xapi/video; statement data model:
 * https://liveaspankaj.gitbooks.io/xapi-video-profile/content/statement_data_model.html).
 * The server checks statements against the same rules (src/video).
 */

export const VIDEO_PROFILE_ID = 'https://w3id.org/xapi/video';
export const VIDEO_ACTIVITY_TYPE = 'https://w3id.org/xapi/video/activity-type/video';
export const PROFILE_ACTIVITY_TYPE = 'http://adlnet.gov/expapi/activities/profile';

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  played: 'https://w3id.org/xapi/video/verbs/played',
  paused: 'https://w3id.org/xapi/video/verbs/paused',
  seeked: 'https://w3id.org/xapi/video/verbs/seeked',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  interacted: 'http://adlnet.gov/expapi/verbs/interacted',
} as const;

export type VideoVerb = keyof typeof VERBS;

const EXT = 'https://w3id.org/xapi/video/extensions/';

/** Extension IRIs, by their profile name. */
export const EXTENSIONS = {
  sessionId: `${EXT}session-id`,
  length: `${EXT}length`,
  completionThreshold: `${EXT}completion-threshold`,
  ccSubtitleEnabled: `${EXT}cc-subtitle-enabled`,
  ccSubtitleLang: `${EXT}cc-subtitle-lang`,
  fullScreen: `${EXT}full-screen`,
  screenSize: `${EXT}screen-size`,
  videoPlaybackSize: `${EXT}video-playback-size`,
  speed: `${EXT}speed`,
  volume: `${EXT}volume`,
  quality: `${EXT}quality`,
  userAgent: `${EXT}user-agent`,
  time: `${EXT}time`,
  timeFrom: `${EXT}time-from`,
  timeTo: `${EXT}time-to`,
  progress: `${EXT}progress`,
  playedSegments: `${EXT}played-segments`,
} as const;

/** The player state the profile reports (initialized carries all of it, interacted what changed). */
export interface PlayerState {
  ccSubtitleEnabled: boolean;
  /** BCP 47 tag of the shown captions, when enabled. */
  ccSubtitleLang: string | null;
  fullScreen: boolean;
  /** `"1920x1080"` */
  screenSize: string;
  /** `"640x360"` */
  videoPlaybackSize: string;
  /** Playback rate, 0.5–2. Written `"1.5x"` as the profile does. */
  speed: number;
  /** 0..1, 0 when muted. */
  volume: number;
  /** `"auto"` or a rendition name such as `"360p"`. */
  quality: string;
  userAgent: string;
}

export type Extensions = Record<string, string | number | boolean>;

export interface VideoStatement {
  id: string;
  verb: { id: string; display: { 'en-US': string } };
  object: {
    objectType: 'Activity';
    id: string;
    definition: { type: string; name: Record<string, string> };
  };
  context: {
    contextActivities: { category: { id: string; definition: { type: string } }[] };
    extensions: Extensions;
  };
  result?: {
    completion?: boolean;
    duration?: string;
    extensions?: Extensions;
  };
  timestamp: string;
}

/** `"1.5x"`: the profile writes the playback rate as a string with its unit. */
export function formatSpeed(rate: number): string {
  return `${Math.round(rate * 100) / 100}x`;
}

/** The context extensions of a (partial) player state. */
export function stateExtensions(state: Partial<PlayerState>): Extensions {
  const ext: Extensions = {};
  if (state.ccSubtitleEnabled !== undefined) ext[EXTENSIONS.ccSubtitleEnabled] = state.ccSubtitleEnabled;
  if (state.ccSubtitleEnabled && state.ccSubtitleLang) ext[EXTENSIONS.ccSubtitleLang] = state.ccSubtitleLang;
  if (state.fullScreen !== undefined) ext[EXTENSIONS.fullScreen] = state.fullScreen;
  if (state.screenSize !== undefined) ext[EXTENSIONS.screenSize] = state.screenSize;
  if (state.videoPlaybackSize !== undefined) ext[EXTENSIONS.videoPlaybackSize] = state.videoPlaybackSize;
  if (state.speed !== undefined) ext[EXTENSIONS.speed] = formatSpeed(state.speed);
  if (state.volume !== undefined) ext[EXTENSIONS.volume] = Math.round(state.volume * 1000) / 1000;
  if (state.quality !== undefined) ext[EXTENSIONS.quality] = state.quality;
  if (state.userAgent !== undefined) ext[EXTENSIONS.userAgent] = state.userAgent;
  return ext;
}

/** ISO 8601 duration of seconds, e.g. `PT1M5.25S` (the completed statement's result.duration). */
export function isoDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds * 100) / 100);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 100) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}
