import type { Attendee, CreateResult, MeetingInfo, Recording, RecordingFormat, RecordingState, RecordingsPage } from './bbb.types.js';
import { attribute_, boolean_, isNode, list_, number_, strings_, text_, type XmlNode } from './bbb-xml.js';

/**
 * BBB's XML answers turned into the typed results of bbb.types.ts, in the shapes the API docs
 * publish (https://docs.bigbluebutton.org/development/api/#api-calls). Metadata keys are kept as
 * BBB gives them back: it lowercases the meta_ names it stored at create (`endcallbackurl`).
 */

/** create: <meetingID>, <internalMeetingID>, <createTime>…; messageKey duplicateWarning when it existed. */
export function toCreateResult(body: XmlNode, messageKey: string): CreateResult {
  const voiceBridge = text_(body.voiceBridge);
  return {
    meetingID: text_(body.meetingID),
    internalMeetingID: text_(body.internalMeetingID),
    createTime: number_(body.createTime),
    duplicate: messageKey === 'duplicateWarning',
    ...(voiceBridge ? { voiceBridge } : {}),
  };
}

function toAttendee(node: XmlNode): Attendee {
  return {
    userID: text_(node.userID),
    fullName: text_(node.fullName),
    role: text_(node.role).toUpperCase() === 'MODERATOR' ? 'MODERATOR' : 'VIEWER',
    isPresenter: boolean_(node.isPresenter),
    isListeningOnly: boolean_(node.isListeningOnly),
    hasJoinedVoice: boolean_(node.hasJoinedVoice),
    hasVideo: boolean_(node.hasVideo),
  };
}

/** getMeetingInfo's <response>, or one <meeting> of getMeetings (same fields since BBB 2.0). */
export function toMeetingInfo(node: XmlNode): MeetingInfo {
  return {
    meetingID: text_(node.meetingID),
    meetingName: text_(node.meetingName),
    internalMeetingID: text_(node.internalMeetingID),
    createTime: number_(node.createTime),
    running: boolean_(node.running),
    hasUserJoined: boolean_(node.hasUserJoined),
    hasBeenForciblyEnded: boolean_(node.hasBeenForciblyEnded),
    participantCount: number_(node.participantCount),
    moderatorCount: number_(node.moderatorCount),
    startTime: number_(node.startTime),
    endTime: number_(node.endTime),
    attendees: list_(node.attendees, 'attendee').map(toAttendee),
    metadata: strings_(node.metadata),
  };
}

export function toMeetings(body: XmlNode): MeetingInfo[] {
  return list_(body.meetings, 'meeting').map(toMeetingInfo);
}

function toPreviewImages(format: XmlNode): RecordingFormat['previewImages'] {
  const images = isNode(format.preview) && isNode(format.preview.images) ? format.preview.images.image : undefined;
  if (!Array.isArray(images)) return [];
  return images.map((image: unknown) => {
    const width = attribute_(image, 'width');
    const height = attribute_(image, 'height');
    const alt = attribute_(image, 'alt');
    return {
      url: text_(image).trim(),
      ...(width !== undefined && /^\d+$/.test(width) ? { width: Number(width) } : {}),
      ...(height !== undefined && /^\d+$/.test(height) ? { height: Number(height) } : {}),
      ...(alt !== undefined ? { alt } : {}),
    };
  });
}

function toFormat(node: XmlNode): RecordingFormat {
  const processingTime = text_(node.processingTime);
  return {
    type: text_(node.type),
    url: text_(node.url),
    length: number_(node.length),
    ...(processingTime ? { processingTime: number_(processingTime) } : {}),
    previewImages: toPreviewImages(node),
  };
}

const STATES: readonly RecordingState[] = ['processing', 'processed', 'published', 'unpublished', 'deleted'];

function toRecording(node: XmlNode): Recording {
  const published = boolean_(node.published);
  const state = text_(node.state).toLowerCase() as RecordingState;
  return {
    recordID: text_(node.recordID),
    meetingID: text_(node.meetingID),
    internalMeetingID: text_(node.internalMeetingID),
    name: text_(node.name),
    published,
    protected: boolean_(node.protected),
    // Old servers (before 1.0) send no <state>: published says which of the two it is.
    state: STATES.includes(state) ? state : published ? 'published' : 'unpublished',
    startTime: number_(node.startTime),
    endTime: number_(node.endTime),
    participants: number_(node.participants),
    metadata: strings_(node.metadata),
    formats: list_(node.playback, 'format').map(toFormat),
  };
}

/**
 * getRecordings. Since 2.6 BBB pages when given offset and limit and then appends
 * <totalElements> to the <response> (XmlServiceImpl.constructPaginatedResponse); an early 2.6
 * build wrapped it in <pagination> (with <pageable><offset/><limit/></pageable>), read too.
 * Without either the server did not page (before 2.6, or no limit asked): the list is all there is.
 */
export function toRecordingsPage(body: XmlNode, asked: { offset?: number; limit?: number }): RecordingsPage {
  const recordings = list_(body.recordings, 'recording').map(toRecording);
  const pagination = isNode(body.pagination) ? body.pagination : undefined;
  const pageable = pagination && isNode(pagination.pageable) ? pagination.pageable : undefined;
  const total = body.totalElements ?? pagination?.totalElements;
  if (total === undefined) return { recordings, totalElements: recordings.length, offset: 0, limit: null };
  const limitText = text_(pageable?.limit ?? pageable?.pageSize);
  return {
    recordings,
    totalElements: number_(total, recordings.length),
    offset: number_(pageable?.offset, asked.offset ?? 0),
    limit: limitText ? number_(limitText) : (asked.limit ?? null),
  };
}
