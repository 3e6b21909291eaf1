import { createHash, randomBytes } from 'node:crypto';
import type { ChecksumAlgorithm } from '../../../src/classroom/bbb/bbb.types.js';

export type FakeRole = 'MODERATOR' | 'VIEWER';

export interface FakeAttendee {
  userID: string;
  fullName: string;
  role: FakeRole;
}

/** One visit of a user: what the analytics callback's joins/leaves are built from. */
export interface FakeSession extends FakeAttendee {
  joinedAt: number;
  leftAt?: number;
}

export interface FakeMeeting {
  meetingID: string;
  internalMeetingID: string;
  name: string;
  createTime: number;
  /** Every create parameter as received (incl. meta_…, checksum excluded). */
  params: Record<string, string>;
  /** meta_ parameters as bbb-web keeps them: prefix removed, name lowercased (ParamsProcessorUtil.processMetaParam). */
  metadata: Record<string, string>;
  presentations: FakePresentation[];
  /** Users in the meeting now. */
  attendees: FakeAttendee[];
  sessions: FakeSession[];
  running: boolean;
  ended: boolean;
  startTime: number;
  endTime: number;
  voiceBridge: string;
}

export interface FakePresentation {
  url: string;
  filename: string;
  /** Whether bbb-web would convert it: its extension is one of SupportedFileTypes (office, pdf, text, images). */
  supported: boolean;
  /** What the fake got when it downloaded the document as bbb-web does (undefined while downloading). */
  download?: { status: number; contentType: string | null; bytes: number } | { error: string };
}

export type FakeRecordingState = 'processing' | 'processed' | 'published' | 'unpublished' | 'deleted';

export interface FakeRecording {
  recordID: string;
  meetingID: string;
  internalMeetingID: string;
  name: string;
  state: FakeRecordingState;
  protected: boolean;
  startTime: number;
  endTime: number;
  participants: number;
  metadata: Record<string, string>;
  formats: ('presentation' | 'video')[];
  videoFile?: string;
  captions: { locale: string; label: string; vtt: string }[];
}

/** One API request received (the API root excepted); in html/http-500/timeout mode: ok false, no messageKey. */
export interface FakeCall {
  call: string;
  method: string;
  query: URLSearchParams;
  ok: boolean;
  messageKey?: string;
}

export interface FakeState {
  origin: string;
  secret: string;
  algorithm: ChecksumAlgorithm;
  supportedAlgorithms: ChecksumAlgorithm[];
  version: string;
  /** Latest meeting per external meetingID (an ended one stays until the ID is created again). */
  meetings: Map<string, FakeMeeting>;
  recordings: Map<string, FakeRecording>;
  /** sessionToken → the join it came from (the fake client page shows it). */
  sessions: Map<string, { meetingID: string; userID: string; fullName: string; role: FakeRole }>;
  lastCreateTime: number;
}

export function sha1Hex(value: string): string {
  return createHash('sha1').update(value, 'utf8').digest('hex');
}

/** bbb-web's internal id: sha1(external id) + '-' + createTime (also the recordID of its recording). */
export function internalMeetingId(meetingID: string, createTime: number): string {
  return `${sha1Hex(meetingID)}-${createTime}`;
}

/** RandomStringUtils.randomAlphanumeric(n).toLowerCase(), as bbb-web makes tokens. */
export function randomToken(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A createTime that strictly increases, so two creates in one millisecond differ as on a real server. */
export function nextCreateTime(state: FakeState): number {
  state.lastCreateTime = Math.max(Date.now(), state.lastCreateTime + 1);
  return state.lastCreateTime;
}

const META_NAME = /^meta_[a-zA-Z][a-zA-Z0-9-]*$/;

/** ParamsProcessorUtil.processMetaParam: only `meta_<letter>[letters digits -]*`, name lowercased. */
export function metadataOf(params: URLSearchParams): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of params) {
    if (META_NAME.test(key)) metadata[key.slice(5).toLowerCase()] = value;
  }
  return metadata;
}

export function liveMeeting(state: FakeState, meetingID: string): FakeMeeting | undefined {
  const meeting = state.meetings.get(meetingID);
  return meeting && !meeting.ended ? meeting : undefined;
}
