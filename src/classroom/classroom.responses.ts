import { z } from 'zod';
import type { AttendanceResponse } from './attendance/attendance.view.js';
import type { BbbXapiView } from './bbb-xapi/bbb-xapi.service.js';
import { ClassroomSettingsInput } from './classroom-settings.schemas.js';
import type { JoinResponse, RoomResponse } from './meetings/meeting.view.js';
import type { RecordingListResponse, RecordingResponse } from './recordings/recording.view.js';
import type { ClassroomResponse } from './schedule/classroom.view.js';
import type { BbbServerResponse } from './servers/bbb-server.view.js';

/**
 * Wire schemas of the classroom API (the *.view.ts files of this folder), for the API
 * description (src/openapi). The type checks at the end make tsc refuse an answer this
 * description does not follow.
 */

const Occurrence = z.object({ sessionId: z.string(), title: z.string().nullable(), start: z.string(), end: z.string(), opensAt: z.string() });
const JoinRole = z.enum(['moderator', 'viewer']);

export const ClassroomResponseSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  gradable: z.boolean(),
  scoreMaximum: z.number().nullable(),
  // Teachers get every setting; learners only what their page needs.
  settings: z.union([ClassroomSettingsInput, ClassroomSettingsInput.pick({ welcomeMessage: true, timeZone: true, recordingAllowed: true, waitForModerator: true })]),
  schedule: z.object({
    timeZone: z.string(),
    scheduled: z.boolean(),
    open: z.boolean(),
    current: Occurrence.nullable(),
    next: Occurrence.nullable(),
    upcoming: z.array(Occurrence),
  }),
  presentation: z.object({ fileName: z.string(), mime: z.string(), sizeBytes: z.number(), uploadedAt: z.string() }).nullable(),
  maxPresentationBytes: z.number(),
  canEdit: z.boolean(),
});

export const RoomResponseSchema = z.object({
  serverConfigured: z.boolean(),
  open: z.boolean(),
  scheduled: z.boolean(),
  current: Occurrence.nullable(),
  next: Occurrence.nullable(),
  upcoming: z.array(Occurrence),
  meetingRunning: z.boolean(),
  waitingForModerator: z.boolean(),
  role: JoinRole,
  participants: z.object({ total: z.number().int(), moderators: z.number().int() }).nullable(),
  startedAt: z.string().nullable(),
});

/** The join URL is a credential: the page opens it and forgets it. */
export const JoinResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ready'), joinUrl: z.string(), role: JoinRole }),
  z.object({ status: z.literal('waiting'), role: JoinRole }),
]);

export const RecordingResponseSchema = z.object({
  recordId: z.string(),
  name: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  durationSeconds: z.number(),
  participants: z.number().int(),
  published: z.boolean(),
  protected: z.boolean(),
  state: z.enum(['processing', 'processed', 'published', 'unpublished', 'deleted']),
  formats: z.array(
    z.object({
      type: z.string(),
      url: z.string(),
      lengthMinutes: z.number(),
      previewImages: z.array(z.object({ url: z.string(), width: z.number().nullable(), height: z.number().nullable(), alt: z.string().nullable() })),
    }),
  ),
  importable: z.boolean(),
  import: z.object({ status: z.enum(['queued', 'running', 'done', 'failed']), error: z.string().nullable(), videoResourceId: z.string().nullable() }).nullable(),
});

export const RecordingListResponseSchema = z.object({
  items: z.array(RecordingResponseSchema),
  offset: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  canEdit: z.boolean(),
  serverConfigured: z.boolean(),
});

export const DeletedRecordingSchema = z.object({ recordId: z.string(), deleted: z.literal(true) });

export const AttendanceResponseSchema = z.object({
  resource: z.object({ id: z.string(), title: z.string(), gradable: z.boolean(), scoreMaximum: z.number().nullable() }),
  rule: z.discriminatedUnion('kind', [z.object({ kind: z.literal('present') }), z.object({ kind: z.literal('minutes'), minutes: z.number().int() })]),
  sessions: z.array(
    z.object({
      meetingRowId: z.string(),
      state: z.enum(['creating', 'running', 'ended']),
      sessionTitle: z.string().nullable(),
      sessionStart: z.string().nullable(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      reportedAt: z.string().nullable(),
      attendees: z.array(
        z.object({
          userId: z.string(),
          name: z.string().nullable(),
          role: JoinRole,
          joinedAt: z.string(),
          leftAt: z.string().nullable(),
          joinCount: z.number().int(),
          durationSeconds: z.number().nullable(),
          talkTimeSeconds: z.number().nullable(),
          chats: z.number().nullable(),
          raisedHands: z.number().nullable(),
          pollVotes: z.number().nullable(),
          emojis: z.number().nullable(),
        }),
      ),
    }),
  ),
  people: z.array(
    z.object({
      userId: z.string(),
      name: z.string().nullable(),
      minutes: z.number(),
      sessionsAttended: z.number().int(),
      moderatorOnly: z.boolean(),
      score: z.number().nullable(),
      scoreSent: z.number().nullable(),
    }),
  ),
});

/** Teachers learn only whether classrooms can open; a platform administrator sees the settings. */
export const BbbServerResponseSchema = z.object({
  configured: z.boolean(),
  canManage: z.boolean(),
  url: z.string().nullable().optional(),
  checksumAlgorithm: z.string().nullable().optional(),
  secretFingerprint: z.string().nullable().optional(),
  secure: z.boolean().nullable().optional(),
  updatedAt: z.string().nullable().optional(),
});

export const RemovedBbbServerSchema = BbbServerResponseSchema.extend({ removed: z.boolean() });

/** POST /api/platform/bbb-server/test: a failed test is an answer (ok false), not an error. */
export const BbbServerTestSchema = z.object({
  ok: z.boolean(),
  code: z.enum(['bbb-test-ok', 'bbb-test-ok-unnamed', 'bbb-test-secret-mismatch', 'bbb-test-unreachable', 'bbb-test-not-reachable', 'bbb-test-refused']),
  message: z.string(),
  version: z.string().nullable(),
});

/**
 * The PATCH /api/classrooms/:resourceId body as described: UpdateClassroom takes any record and
 * checks it in a transform (to keep only the keys sent), which JSON Schema cannot show.
 */
export const ClassroomPatchDescription = ClassroomSettingsInput.partial().extend({
  title: z.string().min(1).max(255).optional(),
  description: z.string().max(5000).optional(),
});

/** /api/admin/bbb-xapi: the payload BigBlueButton's own xAPI module needs to post to this LRS. */
export const BbbXapiViewSchema = z.object({ enabled: z.boolean(), lrsEndpoint: z.string().nullable(), payload: z.string().nullable(), createdAt: z.string().nullable() });

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type ClassroomResponseFits = Fits<ClassroomResponse, z.input<typeof ClassroomResponseSchema>>;
export type RoomResponseFits = Fits<RoomResponse, z.input<typeof RoomResponseSchema>>;
export type JoinResponseFits = Fits<JoinResponse, z.input<typeof JoinResponseSchema>>;
export type RecordingResponseFits = Fits<RecordingResponse, z.input<typeof RecordingResponseSchema>>;
export type RecordingListResponseFits = Fits<RecordingListResponse, z.input<typeof RecordingListResponseSchema>>;
export type AttendanceResponseFits = Fits<AttendanceResponse, z.input<typeof AttendanceResponseSchema>>;
export type BbbServerResponseFits = Fits<BbbServerResponse, z.input<typeof BbbServerResponseSchema>>;
export type BbbXapiViewFits = Fits<BbbXapiView, z.input<typeof BbbXapiViewSchema>>;
