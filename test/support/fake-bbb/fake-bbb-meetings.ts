import { XMLParser } from 'fast-xml-parser';
import { meetingIdProblem, meetingNameProblem, NOT_FOUND, ok, refuse, javaDate, type CallHandler, type Refusal } from './fake-bbb-api.js';
import { closeSession } from './fake-bbb-join.js';
import { internalMeetingId, liveMeeting, metadataOf, nextCreateTime, type FakeMeeting, type FakePresentation } from './fake-bbb-state.js';
import { successXml, type XmlNode } from './fake-bbb-xml.js';

/**
 * create (GET, or POST with a <modules> body), after ApiController#create: validation, then a new
 * meeting, or SUCCESS + duplicateWarning when a meeting with that ID is not ended (idNotUnique when
 * passwords were given and differ). Pre-uploaded documents are downloaded in the background as
 * bbb-web does, and only for a new meeting ("we only allow uploading of presentation once").
 */
export const create: CallHandler = (state, req, background) => {
  const meetingID = req.params.get('meetingID');
  const problem = meetingIdProblem(meetingID) ?? meetingNameProblem(req.params.get('name')) ?? booleanProblem(req.params, 'record', 'Record');
  if (problem) return refuse(...problem);
  let presentations: FakePresentation[] = [];
  if (req.method === 'POST' && req.body.length > 0) {
    if (!/^(application|text)\/xml\b/.test(req.contentType)) {
      return refuse('unsupportedContentType', 'POST request Content-Type is missing or unsupported');
    }
    const parsed = parseModules(req.body.toString('utf8'));
    if (!parsed) return refuse('validationError', 'The request body is not valid XML');
    presentations = parsed;
  }
  const existing = liveMeeting(state, meetingID!);
  if (existing) {
    const attendeePW = req.params.get('attendeePW');
    const moderatorPW = req.params.get('moderatorPW');
    const samePasswords =
      (!attendeePW && !moderatorPW) ||
      (existing.params.attendeePW === attendeePW && existing.params.moderatorPW === moderatorPW);
    if (!samePasswords) return refuse('idNotUnique', 'A meeting already exists with that meeting ID.  Please use a different meeting ID.');
    return ok(
      createXml(existing, 'duplicateWarning', 'This conference was already in existence and may currently be in progress.'),
      'duplicateWarning',
    );
  }
  const createTime = nextCreateTime(state);
  const params: Record<string, string> = {};
  for (const [k, v] of req.params) if (k !== 'checksum') params[k] = v;
  const meeting: FakeMeeting = {
    meetingID: meetingID!,
    internalMeetingID: internalMeetingId(meetingID!, createTime),
    name: req.params.get('name')!,
    createTime,
    params,
    metadata: metadataOf(req.params),
    presentations,
    attendees: [],
    sessions: [],
    running: false,
    ended: false,
    startTime: 0,
    endTime: 0,
    voiceBridge: String(70000 + Math.floor(Math.random() * 29999)),
  };
  state.meetings.set(meeting.meetingID, meeting);
  for (const p of presentations) background(downloadPresentation(p));
  return ok(createXml(meeting, '', ''));
};

/** IsBooleanConstraint (no key of its own: validationError). */
function booleanProblem(params: URLSearchParams, name: string, label: string): Refusal | undefined {
  const value = params.get(name);
  if (value === null || /^(true|false)$/i.test(value)) return undefined;
  return ['validationError', `${label} must be a boolean value (true or false)`];
}

function createXml(m: FakeMeeting, messageKey: string, message: string): string {
  return successXml({
    meetingID: m.meetingID,
    internalMeetingID: m.internalMeetingID,
    parentMeetingID: 'bbb-none',
    attendeePW: m.params.attendeePW || undefined,
    moderatorPW: m.params.moderatorPW || undefined,
    createTime: m.createTime,
    voiceBridge: m.voiceBridge,
    dialNumber: '613-555-1234',
    createDate: javaDate(m.createTime),
    hasUserJoined: m.sessions.length > 0,
    duration: Number(m.params.duration ?? 0),
    hasBeenForciblyEnded: m.ended,
    messageKey,
    message,
  });
}

/** <modules><module name="presentation"><document url="…" filename="…"/>…</module></modules> */
function parseModules(body: string): FakePresentation[] | undefined {
  try {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'module' || n === 'document' }).parse(body, true) as {
      modules?: { module?: { name?: string; document?: { url?: string; filename?: string }[] }[] };
    };
    const modules = doc.modules?.module ?? [];
    return modules
      .filter((m) => m.name === 'presentation')
      .flatMap((m) => m.document ?? [])
      .filter((d) => d.url)
      .map((d) => ({ url: d.url!, filename: d.filename ?? '', supported: isSupportedDocument(d.filename || new URL(d.url!).pathname) }));
  } catch {
    return undefined;
  }
}

/** bbb-common-web SupportedFileTypes: what the presentation conversion accepts, by extension. */
const SUPPORTED_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'rtf', 'odt', 'ods', 'odp', 'odg', 'odc', 'odi', 'jpg', 'jpeg', 'png', 'svg', 'webp'];

function isSupportedDocument(name: string): boolean {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext !== undefined && SUPPORTED_EXTENSIONS.includes(ext);
}

async function downloadPresentation(p: FakePresentation): Promise<void> {
  try {
    const res = await fetch(p.url, { signal: AbortSignal.timeout(10_000) });
    const bytes = (await res.arrayBuffer()).byteLength;
    p.download = { status: res.status, contentType: res.headers.get('content-type'), bytes };
  } catch (err) {
    p.download = { error: (err as Error).message };
  }
}

export function endMeetingState(m: FakeMeeting): void {
  const now = Date.now();
  for (const a of m.attendees) closeSession(m, a.userID, now);
  m.attendees = [];
  m.running = false;
  m.ended = true;
  m.endTime = now;
}

export function meetingInfoNode(m: FakeMeeting): XmlNode {
  return {
    meetingName: m.name,
    meetingID: m.meetingID,
    internalMeetingID: m.internalMeetingID,
    createTime: m.createTime,
    createDate: javaDate(m.createTime),
    voiceBridge: m.voiceBridge,
    dialNumber: '613-555-1234',
    attendeePW: m.params.attendeePW || undefined,
    moderatorPW: m.params.moderatorPW || undefined,
    running: m.running,
    duration: Number(m.params.duration ?? 0),
    hasUserJoined: m.sessions.length > 0,
    recording: m.params.record === 'true',
    hasBeenForciblyEnded: m.ended,
    startTime: m.startTime,
    endTime: m.endTime,
    participantCount: m.attendees.length,
    listenerCount: 0,
    voiceParticipantCount: 0,
    videoCount: 0,
    maxUsers: Number(m.params.maxParticipants ?? 0),
    moderatorCount: m.attendees.filter((a) => a.role === 'MODERATOR').length,
    attendees: {
      attendee: m.attendees.map((a) => ({
        userID: a.userID,
        fullName: a.fullName,
        role: a.role,
        isPresenter: false,
        isListeningOnly: false,
        hasJoinedVoice: false,
        hasVideo: false,
        clientType: 'HTML5',
      })),
    },
    metadata: Object.fromEntries(Object.entries(m.metadata)),
    isBreakout: false,
  };
}

export const getMeetingInfo: CallHandler = (state, req) => {
  const meetingID = req.params.get('meetingID');
  const problem = meetingIdProblem(meetingID);
  if (problem) return refuse(...problem);
  const m = liveMeeting(state, meetingID!);
  if (!m) return refuse(...NOT_FOUND);
  return ok(successXml(meetingInfoNode(m)));
};

export const isMeetingRunning: CallHandler = (state, req) => {
  const meetingID = req.params.get('meetingID');
  const problem = meetingIdProblem(meetingID);
  if (problem) return refuse(...problem);
  return ok(successXml({ running: liveMeeting(state, meetingID!)?.running ?? false }));
};

export const getMeetings: CallHandler = (state) => {
  const live = [...state.meetings.values()].filter((m) => !m.ended);
  if (live.length === 0) return ok(successXml({ meetings: null, messageKey: 'noMeetings', message: 'no meetings were found on this server' }), 'noMeetings');
  return ok(successXml({ meetings: { meeting: live.map(meetingInfoNode) } }));
};

/** end: the meeting ends at once here (real BBB takes a few seconds); the end callback is fired in the background. */
export function end(fireEndCallback: (m: FakeMeeting) => Promise<unknown>): CallHandler {
  return (state, req, background) => {
    const meetingID = req.params.get('meetingID');
    const problem = meetingIdProblem(meetingID);
    if (problem) return refuse(...problem);
    const m = liveMeeting(state, meetingID!);
    if (!m) return refuse(...NOT_FOUND);
    endMeetingState(m);
    background(fireEndCallback(m));
    return ok(
      successXml({
        messageKey: 'sentEndMeetingRequest',
        message: 'A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.',
      }),
      'sentEndMeetingRequest',
    );
  };
}
