import { z } from 'zod';
import {
  CaptionsResponseSchema,
  CaptionTrackDetailSchema,
  CaptionTrackViewSchema,
  CaptionVersionsResponseSchema,
  ImportCaptionsResponseSchema,
} from '../captions/captions.responses.js';
import {
  CreateTrack,
  ExportCaptions,
  GenerateCaptions,
  ImportCaptions,
  ResourceCaptionsParams,
  RestoreVersion,
  SaveCaptions,
  TrackParams,
  UpdateTrack,
} from '../captions/captions.schemas.js';
import { PostVideoStatements } from '../video/tracking/tracking.schemas.js';
import { RecordedVideoStatementsSchema, VideoResponseSchema } from '../video/video.responses.js';
import { UpdateVideo, VideoParams } from '../video/video.schemas.js';
import { noBody, sessionAuth, type Operation } from './operation.js';

const instructor = sessionAuth('instructor');
const TUS_VERSION = { name: 'Tus-Resumable', required: true, description: 'The tus protocol version.', schema: z.literal('1.0.0') };

/** upload.service.ts#refusalProblem: a file ffprobe refused (its own fields besides the usual ones). */
const MediaRefusedProblem = z.looseObject({
  type: z.literal('urn:amphi:problem:media-refused'),
  status: z.literal(422),
  code: z.literal('media-refused'),
  reason: z.string(),
  detail: z.string(),
  localizedDetail: z.string(),
});

/** Videos, the player's statements, resumable uploads (tus) and caption tracks. */
export const mediaOperations: Operation[] = [
  { method: 'get', path: '/api/videos/{resourceId}', operationId: 'getVideo', summary: 'A video for the player (media, captions, progress) or its editor', tags: ['video'], auth: sessionAuth(), request: VideoParams, responses: { 200: { description: 'The video', schema: VideoResponseSchema } } },
  { method: 'patch', path: '/api/videos/{resourceId}', operationId: 'updateVideo', errors: [422], summary: 'Change a video’s title, description, download, completion threshold or chapters', tags: ['video'], auth: instructor, request: UpdateVideo, responses: { 200: { description: 'The video as changed', schema: VideoResponseSchema } } },
  { method: 'post', path: '/api/videos/{resourceId}/processing/retry', operationId: 'retryVideoProcessing', errors: [409], summary: 'Transcode a failed upload again', tags: ['video'], auth: instructor, request: VideoParams, responses: { 200: { description: 'The video, processing again', schema: VideoResponseSchema } } },
  { method: 'delete', path: '/api/videos/{resourceId}/processing', operationId: 'cancelVideoProcessing', errors: [409], summary: 'Drop the media being prepared', tags: ['video'], auth: instructor, request: VideoParams, responses: { 200: { description: 'The video without it', schema: VideoResponseSchema } } },
  {
    method: 'post',
    path: '/api/videos/{resourceId}/statements',
    operationId: 'postVideoStatements',
    errors: [415, 422],
    summary: 'The player’s xAPI statements for one video',
    description: 'JSON with the Bearer token, or text/plain (navigator.sendBeacon, which sends no headers) with the session token as `token` in the body. All or none: one refused statement refuses the batch.',
    tags: ['video'],
    auth: sessionAuth(),
    request: PostVideoStatements,
    body: { required: true, content: { 'application/json': PostVideoStatements.shape.body, 'text/plain': PostVideoStatements.shape.body } },
    responses: { 200: { description: 'How many were stored, and the credited progress', schema: RecordedVideoStatementsSchema } },
  },
  {
    method: 'post',
    path: '/api/uploads',
    operationId: 'createUpload',
    // 400 upload-metadata, 413 upload-too-large (over the platform's limit), 507 upload-disk-full.
    errors: [400, 413, 507],
    summary: 'Start a resumable upload of a video’s file (tus 1.0.0 creation)',
    description: 'Upload-Metadata names `resourceId` and `filename` (base64 values, tus §Creation); only an editor of that video may upload.',
    tags: ['video'],
    auth: instructor,
    headers: [
      TUS_VERSION,
      { name: 'Upload-Length', required: true, description: 'The file’s size in bytes.', schema: z.string().regex(/^\d+$/) },
      { name: 'Upload-Metadata', required: true, description: 'tus metadata: resourceId, filename, filetype.', schema: z.string() },
    ],
    responses: {
      201: { description: 'Created: PATCH the bytes to Location', headers: { Location: 'The upload’s URL, /api/uploads/{uploadId}.' } },
      422: { description: 'An empty file (0 bytes).', content: { 'application/problem+json': MediaRefusedProblem } },
    },
  },
  { method: 'head', path: '/api/uploads/{uploadId}', operationId: 'getUploadOffset', summary: 'How many bytes the server holds (tus resume)', tags: ['video'], auth: instructor, headers: [TUS_VERSION], responses: { 200: { description: 'Upload-Offset and Upload-Length headers', headers: { 'Upload-Offset': 'Bytes received.', 'Upload-Length': 'The file’s size.' } } } },
  {
    method: 'patch',
    path: '/api/uploads/{uploadId}',
    operationId: 'appendUpload',
    summary: 'Send the next bytes of an upload (tus)',
    description: 'The last chunk completes the upload: the file is probed and queued for transcoding; a file that is not a playable video is refused with 422 media-refused.',
    tags: ['video'],
    auth: instructor,
    headers: [TUS_VERSION, { name: 'Upload-Offset', required: true, description: 'Where these bytes start.', schema: z.string().regex(/^\d+$/) }],
    body: { required: true, content: { 'application/offset+octet-stream': undefined } },
    responses: { 204: { description: 'Stored', headers: { 'Upload-Offset': 'Bytes received now.' } }, 409: { description: 'Upload-Offset is not the server’s offset.', content: { 'text/plain': undefined } }, 422: { description: 'The completed file cannot be used.', content: { 'application/problem+json': MediaRefusedProblem } } },
  },
  { method: 'delete', path: '/api/uploads/{uploadId}', operationId: 'cancelUpload', summary: 'Abandon an upload (tus termination)', tags: ['video'], auth: instructor, headers: [TUS_VERSION], responses: { 204: noBody('Removed') } },
  { method: 'get', path: '/api/videos/{resourceId}/captions', operationId: 'getCaptions', summary: 'A video’s caption tracks, generations and engines', tags: ['captions'], auth: instructor, request: ResourceCaptionsParams, responses: { 200: { description: 'The captions panel', schema: CaptionsResponseSchema } } },
  { method: 'post', path: '/api/videos/{resourceId}/captions/generate', operationId: 'generateCaptions', errors: [409, 422], summary: 'Make automatic captions in a language (speech recognition)', tags: ['captions'], auth: instructor, request: GenerateCaptions, responses: { 202: { description: 'Queued; the panel shows the generation', schema: CaptionsResponseSchema } } },
  {
    method: 'post',
    path: '/api/videos/{resourceId}/captions/import',
    operationId: 'importCaptions',
    errors: [409, 415, 422],
    summary: 'A caption file (WebVTT, SRT…) as a new track; the server finds the encoding',
    tags: ['captions'],
    auth: instructor,
    request: ImportCaptions,
    body: { required: true, content: { 'application/octet-stream': undefined }, description: 'The file’s bytes.' },
    responses: { 201: { description: 'The track and what was repaired', schema: ImportCaptionsResponseSchema } },
  },
  { method: 'post', path: '/api/videos/{resourceId}/captions', operationId: 'createCaptionTrack', errors: [409], summary: 'An empty track to write in the editor', tags: ['captions'], auth: instructor, request: CreateTrack, responses: { 201: { description: 'The track', schema: CaptionTrackDetailSchema } } },
  { method: 'get', path: '/api/captions/{trackId}', operationId: 'getCaptionTrack', errors: [409], summary: 'A track’s current cues, for the editor', tags: ['captions'], auth: instructor, request: TrackParams, responses: { 200: { description: 'The track', schema: CaptionTrackDetailSchema } } },
  { method: 'put', path: '/api/captions/{trackId}', operationId: 'saveCaptions', errors: [409, 422], summary: 'Save the cues as a new version', tags: ['captions'], auth: instructor, request: SaveCaptions, responses: { 200: { description: 'The new version', schema: CaptionTrackDetailSchema } } },
  { method: 'patch', path: '/api/captions/{trackId}', operationId: 'updateCaptionTrack', errors: [409], summary: 'Change a track’s label or kind', tags: ['captions'], auth: instructor, request: UpdateTrack, responses: { 200: { description: 'The track', schema: CaptionTrackViewSchema } } },
  { method: 'delete', path: '/api/captions/{trackId}', operationId: 'deleteCaptionTrack', summary: 'Remove a track', tags: ['captions'], auth: instructor, request: TrackParams, responses: { 204: noBody('Removed') } },
  { method: 'get', path: '/api/captions/{trackId}/versions', operationId: 'listCaptionVersions', summary: 'A track’s versions, newest first', tags: ['captions'], auth: instructor, request: TrackParams, responses: { 200: { description: 'The versions', schema: CaptionVersionsResponseSchema } } },
  { method: 'post', path: '/api/captions/{trackId}/versions/{version}/restore', operationId: 'restoreCaptionVersion', errors: [409], summary: 'Make an earlier version current again (as a new version)', tags: ['captions'], auth: instructor, request: RestoreVersion, responses: { 200: { description: 'The track', schema: CaptionTrackDetailSchema } } },
  {
    method: 'get',
    path: '/api/captions/{trackId}/export',
    operationId: 'exportCaptions',
    summary: 'Download a track as WebVTT, SRT or plain text',
    tags: ['captions'],
    auth: instructor,
    request: ExportCaptions,
    responses: { 200: { description: 'The file (attachment)', content: { 'text/vtt': undefined, 'application/x-subrip': undefined, 'text/plain': undefined } } },
  },
];
