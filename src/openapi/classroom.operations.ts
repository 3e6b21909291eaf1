import { z } from 'zod';
import { AttendanceQuery } from '../classroom/attendance/attendance.schemas.js';
import {
  AttendanceResponseSchema,
  BbbServerResponseSchema,
  BbbServerTestSchema,
  ClassroomPatchDescription,
  ClassroomResponseSchema,
  DeletedRecordingSchema,
  JoinResponseSchema,
  RecordingListResponseSchema,
  RecordingResponseSchema,
  RemovedBbbServerSchema,
  RoomResponseSchema,
} from '../classroom/classroom.responses.js';
import { ClassroomParams, JoinClassroom } from '../classroom/meetings/meeting.schemas.js';
import { ListRecordings, RecordingParams, UpdateRecording } from '../classroom/recordings/recording.schemas.js';
import { UpdateClassroom, UploadPresentation } from '../classroom/schedule/classroom.schemas.js';
import { PutBbbServer, TestBbbServer } from '../classroom/servers/bbb-server.schemas.js';
import { sessionAuth, type Operation } from './operation.js';

const instructor = sessionAuth('instructor');
const admin = sessionAuth('admin');

/** Virtual classrooms (BigBlueButton): settings, schedule, joining, recordings, attendance, the platform's server. */
export const classroomOperations: Operation[] = [
  { method: 'get', path: '/api/classrooms/{resourceId}', operationId: 'getClassroom', summary: 'A classroom’s settings and schedule', tags: ['classroom'], auth: sessionAuth(), request: ClassroomParams, responses: { 200: { description: 'The classroom', schema: ClassroomResponseSchema } } },
  {
    method: 'patch',
    path: '/api/classrooms/{resourceId}',
    operationId: 'updateClassroom',
    errors: [422],
    summary: 'Change a classroom’s title, description, sessions or settings (only the keys sent)',
    tags: ['classroom'],
    auth: instructor,
    request: UpdateClassroom,
    body: { required: true, content: { 'application/json': ClassroomPatchDescription } },
    responses: { 200: { description: 'The classroom as changed', schema: ClassroomResponseSchema } },
  },
  {
    method: 'put',
    path: '/api/classrooms/{resourceId}/presentation',
    operationId: 'uploadPresentation',
    errors: [413, 415, 422, 502],
    summary: 'The slides BigBlueButton opens the meeting with (PDF, office documents, images)',
    tags: ['classroom'],
    auth: instructor,
    request: UploadPresentation,
    headers: [{ name: 'Content-Disposition', required: false, description: 'The file name (filename*), when ?fileName is not given.', schema: z.string() }],
    body: { required: true, content: { 'application/octet-stream': undefined }, description: 'The file’s bytes, with its own Content-Type.' },
    responses: { 200: { description: 'The classroom with its presentation', schema: ClassroomResponseSchema } },
  },
  { method: 'delete', path: '/api/classrooms/{resourceId}/presentation', operationId: 'deletePresentation', summary: 'Remove the presentation', tags: ['classroom'], auth: instructor, request: ClassroomParams, responses: { 200: { description: 'The classroom without it', schema: ClassroomResponseSchema } } },
  { method: 'get', path: '/api/classrooms/{resourceId}/room', operationId: 'getRoom', errors: [502], summary: 'Whether this person can join now, or must wait', tags: ['classroom'], auth: sessionAuth(), request: ClassroomParams, responses: { 200: { description: 'The room', schema: RoomResponseSchema } } },
  { method: 'post', path: '/api/classrooms/{resourceId}/join', operationId: 'joinClassroom', errors: [409, 422, 502, 503], summary: 'A one-time join URL (starting the meeting when allowed)', tags: ['classroom'], auth: sessionAuth(), request: JoinClassroom, responses: { 200: { description: 'Ready with the URL, or waiting for a moderator', schema: JoinResponseSchema } } },
  { method: 'post', path: '/api/classrooms/{resourceId}/end', operationId: 'endClassroomMeeting', errors: [409, 502], summary: 'End the running meeting for everyone', tags: ['classroom'], auth: instructor, request: JoinClassroom, responses: { 200: { description: 'The room after it', schema: RoomResponseSchema } } },
  {
    method: 'get',
    path: '/api/classrooms/{resourceId}/attendance',
    operationId: 'getAttendance',
    summary: 'Attendance per meeting and per person (?format=csv for a spreadsheet)',
    tags: ['classroom'],
    auth: instructor,
    request: AttendanceQuery,
    responses: { 200: { description: 'Attendance', schema: AttendanceResponseSchema, content: { 'text/csv': undefined } } },
  },
  { method: 'get', path: '/api/classrooms/{resourceId}/recordings', operationId: 'listRecordings', errors: [409, 502], summary: 'The classroom’s recordings, a page at a time', tags: ['classroom'], auth: sessionAuth(), request: ListRecordings, responses: { 200: { description: 'Recordings', schema: RecordingListResponseSchema } } },
  { method: 'patch', path: '/api/classrooms/{resourceId}/recordings/{recordId}', operationId: 'updateRecording', errors: [409, 502], summary: 'Rename, publish or unpublish a recording', tags: ['classroom'], auth: instructor, request: UpdateRecording, responses: { 200: { description: 'The recording', schema: RecordingResponseSchema } } },
  { method: 'delete', path: '/api/classrooms/{resourceId}/recordings/{recordId}', operationId: 'deleteRecording', errors: [409, 502], summary: 'Delete a recording on BigBlueButton', tags: ['classroom'], auth: instructor, request: RecordingParams, responses: { 200: { description: 'Deleted', schema: DeletedRecordingSchema } } },
  { method: 'post', path: '/api/classrooms/{resourceId}/recordings/{recordId}/import', operationId: 'importRecording', errors: [409, 502], summary: 'Copy a recording into the video library', tags: ['classroom'], auth: instructor, request: RecordingParams, responses: { 202: { description: 'Queued', schema: RecordingResponseSchema } } },
  { method: 'get', path: '/api/platform/bbb-server', operationId: 'getBbbServer', summary: 'Whether classrooms can open (administrators: the server’s settings)', tags: ['classroom'], auth: instructor, responses: { 200: { description: 'The server', schema: BbbServerResponseSchema } } },
  { method: 'put', path: '/api/platform/bbb-server', operationId: 'putBbbServer', errors: [409, 422, 502], summary: 'Set the platform’s BigBlueButton server (checked before it is kept)', tags: ['classroom'], auth: admin, request: PutBbbServer, responses: { 200: { description: 'The server', schema: BbbServerResponseSchema } } },
  { method: 'delete', path: '/api/platform/bbb-server', operationId: 'deleteBbbServer', summary: 'Forget the platform’s BigBlueButton server', tags: ['classroom'], auth: admin, responses: { 200: { description: 'Whether one was removed', schema: RemovedBbbServerSchema } } },
  { method: 'post', path: '/api/platform/bbb-server/test', operationId: 'testBbbServer', errors: [502], summary: 'Try a BigBlueButton server without keeping it', tags: ['classroom'], auth: admin, request: TestBbbServer, responses: { 200: { description: 'The outcome (a failed test is an answer, not an error)', schema: BbbServerTestSchema } } },
];
