import { z } from 'zod';
import type { updateCaptionTrack } from './captions.service.js';
import type { CaptionsResponse, CaptionTrackDetail, CaptionVersionsResponse, ImportCaptionsResponse } from './captions.view.js';

/**
 * Wire schemas of the captions API (captions.view.ts), for the API description (src/openapi).
 * The type checks at the end make tsc refuse an answer this description does not follow.
 */

const Source = z.enum(['automatic', 'uploaded', 'edited', 'imported']);

export const CaptionTrackViewSchema = z.object({
  id: z.string(),
  lang: z.string(),
  label: z.string(),
  kind: z.enum(['subtitles', 'captions']),
  version: z.number().int(),
  url: z.string(),
  source: Source,
  cueCount: z.number().int(),
  warningCount: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

const CueLimits = z.object({
  maxLines: z.number(),
  maxLineLength: z.number(),
  maxDuration: z.number(),
  minDuration: z.number(),
  maxCharsPerSecond: z.number(),
});

export const CaptionsResponseSchema = z.object({
  resourceId: z.string(),
  mediaId: z.string().nullable(),
  editable: z.boolean(),
  hasAudio: z.boolean(),
  tracks: z.array(CaptionTrackViewSchema),
  generations: z.array(
    z.object({
      lang: z.string(),
      status: z.enum(['queued', 'running', 'failed']),
      progress: z.number().nullable(),
      progressLabel: z.string().nullable(),
      error: z.string().nullable(),
      canRetry: z.boolean(),
    }),
  ),
  engines: z.array(z.object({ lang: z.string(), engine: z.enum(['vosk', 'pocketsphinx']) })),
  autoGenerate: z.boolean(),
  limits: CueLimits,
  maxImportBytes: z.number().int(),
});

export const CaptionTrackDetailSchema = z.object({
  track: CaptionTrackViewSchema,
  cues: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })),
  limits: CueLimits,
  durationSeconds: z.number(),
});

export const ImportCaptionsResponseSchema = z.object({
  track: CaptionTrackViewSchema,
  report: z.array(
    z.object({
      code: z.enum([
        'encoding-converted',
        'timestamp-repaired',
        'cue-dropped-bad-timing',
        'cue-dropped-empty',
        'overlap-trimmed',
        'order-sorted',
        'markup-removed',
        'duration-shortened',
        'settings-dropped',
        'header-added',
      ]),
      cue: z.number().int().nullable(),
      detail: z.string().optional(),
    }),
  ),
});

export const CaptionVersionsResponseSchema = z.object({
  versions: z.array(z.object({ version: z.number().int(), source: Source, createdAt: z.string(), createdBy: z.string().nullable(), cueCount: z.number().int() })),
});

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type CaptionsResponseFits = Fits<CaptionsResponse, z.input<typeof CaptionsResponseSchema>>;
export type CaptionTrackDetailFits = Fits<CaptionTrackDetail, z.input<typeof CaptionTrackDetailSchema>>;
export type ImportCaptionsResponseFits = Fits<ImportCaptionsResponse, z.input<typeof ImportCaptionsResponseSchema>>;
export type CaptionVersionsResponseFits = Fits<CaptionVersionsResponse, z.input<typeof CaptionVersionsResponseSchema>>;
export type CaptionTrackViewFits = Fits<Awaited<ReturnType<typeof updateCaptionTrack>>, z.input<typeof CaptionTrackViewSchema>>;
