import { ok, refuse, type CallHandler } from './fake-bbb-api.js';
import { internalMeetingId, sha1Hex, type FakeRecording, type FakeRecordingState, type FakeState } from './fake-bbb-state.js';
import { successXml, type XmlNode } from './fake-bbb-xml.js';

/**
 * The recording calls, after bbb-web's RecordingService and get-recordings.ftlx /
 * include-recording.ftlx. recordID lists are comma separated; getRecordings' recordID also matches
 * by prefix; meetingID is ignored when recordID is given; the default state filter is
 * published,unpublished ("any" = every state); meta_<name>=value filters on metadata; BBB 2.7+
 * pages with offset/limit (limit clamped to 1..100, offset used only with limit) and then adds
 * <pagination><pageable><offset/><limit/></pageable><totalElements/><empty/></pagination>.
 */
const ALL_STATES: FakeRecordingState[] = ['processing', 'processed', 'published', 'unpublished', 'deleted'];

export const getRecordings: CallHandler = (state, req) => {
  const p = req.params;
  const recordIDs = list(p.get('recordID'));
  const meetingIDs = list(p.get('meetingID'));
  const statesParam = list(p.get('state'));
  const states: FakeRecordingState[] = statesParam.includes('any')
    ? ALL_STATES
    : statesParam.length > 0
      ? (statesParam.filter((s) => (ALL_STATES as string[]).includes(s)) as FakeRecordingState[])
      : ['published', 'unpublished'];
  const metaFilters = [...p].filter(([k]) => /^meta_[a-zA-Z][a-zA-Z0-9-]*$/.test(k)).map(([k, v]) => [k.slice(5).toLowerCase(), v] as const);
  const matching = [...state.recordings.values()]
    .filter((r) =>
      recordIDs.length > 0 ? recordIDs.some((id) => r.recordID.startsWith(id)) : meetingIDs.length === 0 || meetingIDs.includes(r.meetingID),
    )
    .filter((r) => states.includes(r.state))
    .filter((r) => metaFilters.every(([k, v]) => r.metadata[k] === v))
    .sort((a, b) => a.startTime - b.startTime);
  let page = matching;
  let pagination: XmlNode | undefined;
  if (p.has('limit')) {
    const limit = Math.min(100, Math.max(1, Math.trunc(Number(p.get('limit'))) || 1));
    const offset = Math.max(0, Math.trunc(Number(p.get('offset') ?? 0)) || 0);
    page = matching.slice(offset, offset + limit);
    pagination = { pageable: { offset, limit }, totalElements: matching.length, empty: page.length === 0 };
  }
  if (page.length === 0) {
    return ok(
      successXml({ recordings: null, pagination, messageKey: 'noRecordings', message: 'There are no recordings for the meeting(s).' }),
      'noRecordings',
    );
  }
  return ok(successXml({ recordings: { recording: page.map((r) => recordingNode(state, r)) }, pagination }));
};

function list(value: string | null): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function recordingNode(state: FakeState, r: FakeRecording): XmlNode {
  const lengthMinutes = Math.max(0, Math.round((r.endTime - r.startTime) / 60000));
  return {
    recordID: r.recordID,
    meetingID: r.meetingID,
    internalMeetingID: r.internalMeetingID,
    name: r.name,
    isBreakout: false,
    published: r.state === 'published',
    state: r.state,
    startTime: r.startTime,
    endTime: r.endTime,
    participants: r.participants,
    rawSize: 951067,
    metadata: { isBreakout: 'false', meetingName: r.name, meetingId: r.meetingID, ...r.metadata },
    protected: r.protected,
    size: 1024 * 1024,
    playback: {
      format: r.formats.map((type) => ({
        type,
        url: playbackUrl(state, r, type),
        processingTime: 7177,
        length: lengthMinutes,
        size: 512 * 1024,
        preview:
          type === 'presentation'
            ? {
                images: {
                  image: [1, 2, 3].map((n) => ({
                    _attrs: { width: '176', height: '136', alt: `Slide ${n}` },
                    _text: `${state.origin}/presentation/${r.recordID}/presentation/${sha1Hex(r.recordID)}-${r.startTime}/thumbnails/thumb-${n}.png`,
                  })),
                },
              }
            : undefined,
      })),
    },
    data: null,
  };
}

/** Where BBB publishes each format: /playback/presentation/2.3/<id> and /playback/video/<id>/ (video-0.m4v inside). */
export function playbackUrl(state: FakeState, r: FakeRecording, type: 'presentation' | 'video'): string {
  return type === 'video' ? `${state.origin}/playback/video/${r.recordID}/` : `${state.origin}/playback/presentation/2.3/${r.recordID}`;
}

function recordingsFor(state: FakeState, ids: string[]): FakeRecording[] | undefined {
  const found = ids.map((id) => state.recordings.get(id));
  return found.every((r) => r !== undefined) ? (found as FakeRecording[]) : undefined;
}

const NO_RECORDING = ['notFound', 'We could not find recordings'] as const;

export const publishRecordings: CallHandler = (state, req) => {
  const ids = list(req.params.get('recordID'));
  if (ids.length === 0) return refuse('missingParamRecordID', 'You must specify a recordID.');
  const publish = req.params.get('publish');
  if (publish !== 'true' && publish !== 'false') return refuse('missingParamPublish', 'You must specify a publish value true or false.');
  const recordings = recordingsFor(state, ids);
  if (!recordings) return refuse(...NO_RECORDING);
  for (const r of recordings) if (r.state === 'published' || r.state === 'unpublished') r.state = publish === 'true' ? 'published' : 'unpublished';
  return ok(successXml({ published: publish === 'true' }));
};

export const deleteRecordings: CallHandler = (state, req) => {
  const ids = list(req.params.get('recordID'));
  if (ids.length === 0) return refuse('missingParamRecordID', 'You must specify a recordID.');
  const recordings = recordingsFor(state, ids);
  if (!recordings) return refuse(...NO_RECORDING);
  for (const r of recordings) r.state = 'deleted';
  return ok(successXml({ deleted: true }));
};

/** updateRecordings: meta_<name>=value sets (an empty value removes), protect=true|false (BBB 2.6+). */
export const updateRecordings: CallHandler = (state, req) => {
  const ids = list(req.params.get('recordID'));
  if (ids.length === 0) return refuse('missingParamRecordID', 'You must specify a recordID.');
  const protect = req.params.get('protect');
  if (protect !== null && protect !== 'true' && protect !== 'false') return refuse('validationError', 'Protect must be a boolean value (true or false)');
  const recordings = recordingsFor(state, ids);
  if (!recordings) return refuse(...NO_RECORDING);
  for (const r of recordings) {
    for (const [k, v] of req.params) {
      if (!/^meta_[a-zA-Z][a-zA-Z0-9-]*$/.test(k)) continue;
      const name = k.slice(5).toLowerCase();
      if (v === '') delete r.metadata[name];
      else r.metadata[name] = v;
    }
    if (protect !== null) r.protected = protect === 'true';
  }
  return ok(successXml({ updated: true }));
};

export interface RecordingSpec {
  meetingID: string;
  name?: string;
  published?: boolean;
  formats?: ('presentation' | 'video')[];
  videoFile?: string;
  captions?: { locale: string; label: string; vtt: string }[];
  meta?: Record<string, string>;
  startTime?: number;
  endTime?: number;
}

/** A recording as the record-and-playback pipeline would publish it; its recordID is the meeting's internal id. */
export function addRecording(state: FakeState, spec: RecordingSpec): string {
  const meeting = state.meetings.get(spec.meetingID);
  let internal = meeting?.internalMeetingID ?? internalMeetingId(spec.meetingID, Date.now());
  if (state.recordings.has(internal)) internal = internalMeetingId(spec.meetingID, Date.now() + state.recordings.size + 1);
  const startTime = spec.startTime ?? meeting?.startTime ?? meeting?.createTime ?? Date.now() - 3_600_000;
  const endTime = spec.endTime ?? (meeting?.endTime || startTime + 45 * 60_000);
  const metadata: Record<string, string> = { ...(meeting?.metadata ?? {}) };
  for (const [k, v] of Object.entries(spec.meta ?? {})) metadata[k.toLowerCase()] = v;
  state.recordings.set(internal, {
    recordID: internal,
    meetingID: spec.meetingID,
    internalMeetingID: internal,
    name: spec.name ?? meeting?.name ?? spec.meetingID,
    state: spec.published === false ? 'unpublished' : 'published',
    protected: false,
    startTime,
    endTime,
    participants: new Set(meeting?.sessions.map((s) => s.userID) ?? []).size,
    metadata,
    formats: spec.formats ?? ['presentation'],
    videoFile: spec.videoFile,
    captions: spec.captions ?? [],
  });
  return internal;
}
