/**
 * The BigBlueButton API as Amphi uses it: parameters in the API's own words, answers parsed from
 * its XML into typed results. https://docs.bigbluebutton.org/development/api/
 *
 * This file is the contract between the client (bbb-client.ts) and its callers.
 */

import type { OutboundTrust } from '../../http/outbound.js';

export const CHECKSUM_ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface BbbServerConfig {
  /** The API base, ending in /bigbluebutton/api/ (the client adds the trailing slash when missing). */
  url: string;
  secret: string;
  checksumAlgorithm: ChecksumAlgorithm;
  /** Per-call timeout (config.classroom.bbbTimeoutMs). */
  timeoutMs: number;
  /** operator: set with the CLI; web: set on the admin page (the outbound address rules apply). */
  trust: OutboundTrust;
}

export type GuestPolicy = 'ALWAYS_ACCEPT' | 'ALWAYS_DENY' | 'ASK_MODERATOR' | 'ALWAYS_ACCEPT_AUTH';

export interface CreateParams {
  name: string;
  meetingID: string;
  welcome?: string;
  record?: boolean;
  autoStartRecording?: boolean;
  allowStartStopRecording?: boolean;
  maxParticipants?: number;
  /** Minutes; 0 = no limit. */
  duration?: number;
  logoutURL?: string;
  guestPolicy?: GuestPolicy;
  lockSettingsDisableCam?: boolean;
  lockSettingsDisableMic?: boolean;
  lockSettingsDisablePrivateChat?: boolean;
  lockSettingsDisablePublicChat?: boolean;
  lockSettingsDisableNotes?: boolean;
  lockSettingsHideUserList?: boolean;
  lockSettingsLockOnJoin?: boolean;
  /** Keys without the meta_ prefix (e.g. { 'endCallbackUrl': …, 'bbb-recording-ready-url': … }). */
  meta?: Record<string, string>;
  /** Presentations to pre-upload: create is then a POST with a <modules> XML body. */
  presentations?: { url: string; filename: string }[];
}

export interface CreateResult {
  meetingID: string;
  internalMeetingID: string;
  createTime: number;
  /** Set when BBB answered with messageKey duplicateWarning (the meeting existed). */
  duplicate: boolean;
  voiceBridge?: string;
}

export interface JoinParams {
  fullName: string;
  meetingID: string;
  role: 'MODERATOR' | 'VIEWER';
  userID?: string;
  createTime?: number;
  /** Defaults to true: the URL is for the browser, which BBB redirects into the client. */
  redirect?: boolean;
  /**
   * false: an authenticated participant, not a guest. BBB's guest policy (authenticatedGuest,
   * on by default) applies to everyone who does not say so: ALWAYS_DENY would refuse them all.
   */
  guest?: boolean;
  avatarURL?: string;
  /** Extra userdata-* parameters, keys without the prefix. */
  userdata?: Record<string, string>;
}

export interface Attendee {
  userID: string;
  fullName: string;
  role: 'MODERATOR' | 'VIEWER';
  isPresenter: boolean;
  isListeningOnly: boolean;
  hasJoinedVoice: boolean;
  hasVideo: boolean;
}

export interface MeetingInfo {
  meetingID: string;
  meetingName: string;
  internalMeetingID: string;
  createTime: number;
  running: boolean;
  hasUserJoined: boolean;
  hasBeenForciblyEnded: boolean;
  participantCount: number;
  moderatorCount: number;
  startTime: number;
  endTime: number;
  attendees: Attendee[];
  metadata: Record<string, string>;
}

export type RecordingState = 'processing' | 'processed' | 'published' | 'unpublished' | 'deleted';

export interface RecordingFormat {
  /** presentation, video, podcast, notes, screenshare… */
  type: string;
  url: string;
  /** Minutes, as BBB gives it. */
  length: number;
  processingTime?: number;
  previewImages: { url: string; width?: number; height?: number; alt?: string }[];
}

export interface Recording {
  recordID: string;
  meetingID: string;
  internalMeetingID: string;
  name: string;
  published: boolean;
  protected: boolean;
  state: RecordingState;
  startTime: number;
  endTime: number;
  participants: number;
  metadata: Record<string, string>;
  formats: RecordingFormat[];
}

export interface GetRecordingsParams {
  meetingID?: string[];
  recordID?: string[];
  state?: (RecordingState | 'any')[];
  /** meta_ filters, keys without the prefix. */
  meta?: Record<string, string>;
  offset?: number;
  limit?: number;
}

export interface RecordingsPage {
  recordings: Recording[];
  /** From <pagination> when the server paginates (BBB 2.6+); else the count returned. */
  totalElements: number;
  offset: number;
  limit: number | null;
}

/** What Amphi calls; the client implements it and tests may substitute nothing: they run the strict fake BBB. */
export interface BbbApi {
  create(params: CreateParams): Promise<CreateResult>;
  /** A signed join URL (no network call). */
  joinUrl(params: JoinParams): string;
  end(meetingID: string): Promise<void>;
  isMeetingRunning(meetingID: string): Promise<boolean>;
  /** undefined when BBB answers notFound. */
  getMeetingInfo(meetingID: string): Promise<MeetingInfo | undefined>;
  getMeetings(): Promise<MeetingInfo[]>;
  getRecordings(params: GetRecordingsParams): Promise<RecordingsPage>;
  publishRecordings(recordIDs: string[], publish: boolean): Promise<void>;
  deleteRecordings(recordIDs: string[]): Promise<void>;
  /** meta_ updates (keys without prefix) and/or protect. */
  updateRecordings(recordIDs: string[], changes: { meta?: Record<string, string>; protect?: boolean }): Promise<void>;
  /** GET the API root (no checksum): the server's version; proves the URL is a BBB API. */
  version(): Promise<string | null>;
}
