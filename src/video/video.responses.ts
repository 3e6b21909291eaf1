import { z } from 'zod';
import type { RecordedVideoStatements } from './tracking/tracking.service.js';
import type { VideoResponse } from './video.view.js';

/**
 * Wire schemas of the video API (video.view.ts), for the API description (src/openapi). The type
 * checks at the end make tsc refuse an answer this description does not follow.
 */

/** The player's part of a caption track (the captions feature's CaptionTrackPlayerView). */
const CaptionTrackPlayer = z.object({
  id: z.string(),
  lang: z.string(),
  label: z.string(),
  kind: z.enum(['subtitles', 'captions']),
  version: z.number().int(),
  url: z.string(),
});

const Progress = z.object({
  positionSeconds: z.number(),
  watchedShare: z.number(),
  completed: z.boolean(),
  playedSegments: z.array(z.tuple([z.number(), z.number()])),
});

export const VideoResponseSchema = z.object({
  resourceId: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(['empty', 'processing', 'ready', 'failed']),
  media: z
    .object({
      id: z.string(),
      durationSeconds: z.number(),
      width: z.number().nullable(),
      height: z.number().nullable(),
      audioOnly: z.boolean(),
      masterUrl: z.string(),
      posterUrl: z.string(),
      thumbnails: z.array(z.string()),
      storyboardVttUrl: z.string().nullable(),
      renditions: z.array(z.object({ name: z.string(), height: z.number() })),
      downloadUrl: z.string().nullable(),
    })
    .nullable(),
  processing: z
    .object({
      mediaId: z.string(),
      status: z.enum(['uploaded', 'transcoding', 'failed']),
      progress: z.number().nullable(),
      label: z.string().nullable(),
      error: z.string().nullable(),
      fileName: z.string(),
      canRetry: z.boolean(),
    })
    .nullable(),
  chapters: z.array(z.object({ startSeconds: z.number(), title: z.string() })),
  captions: z.array(CaptionTrackPlayer),
  allowDownload: z.boolean(),
  completionThreshold: z.number(),
  progress: Progress.nullable(),
  canEdit: z.boolean(),
  tracking: z.object({ activityId: z.string(), statementsUrl: z.string(), sessionId: z.string(), queueKey: z.string(), maxPlaybackRate: z.number() }),
  upload: z.object({ endpoint: z.literal('/api/uploads/'), maxBytes: z.number() }).nullable(),
});

/** POST /api/videos/:resourceId/statements: how many were stored and the credited progress. */
export const RecordedVideoStatementsSchema = z.object({ stored: z.number().int(), progress: Progress });

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type VideoResponseFits = Fits<VideoResponse, z.input<typeof VideoResponseSchema>>;
export type RecordedVideoStatementsFits = Fits<RecordedVideoStatements, z.input<typeof RecordedVideoStatementsSchema>>;
