import { z } from 'zod';

const ResourceId = z.string().min(1).max(64);

export const Chapter = z.object({
  startSeconds: z.number().min(0).max(7 * 24 * 3600),
  title: z.string().trim().min(1, 'a chapter needs a title').max(200),
});
export type Chapter = z.output<typeof Chapter>;

/** Chapters: sorted by start, no two at the same time (the duration check needs the media: service). */
export const Chapters = z
  .array(Chapter)
  .max(500)
  .refine((list) => list.every((c, i) => i === 0 || c.startSeconds > list[i - 1]!.startSeconds), 'chapters must be sorted by start time, each start unique');

export const VideoParams = z.object({ params: z.object({ resourceId: ResourceId }) });

export const UpdateVideo = z.object({
  params: z.object({ resourceId: ResourceId }),
  body: z
    .object({
      title: z.string().trim().min(1, 'a title is required').max(255).optional(),
      description: z.string().trim().max(5000).optional(),
      allowDownload: z.boolean().optional(),
      completionThreshold: z.number().min(0.05).max(1).optional(),
      chapters: Chapters.optional(),
    })
    .strict(),
});
export type UpdateVideoInput = z.output<typeof UpdateVideo>['body'];

/** Video settings as stored in resources.settings (read leniently: older rows lack the new keys). */
export const StoredVideoSettings = z.object({
  allowDownload: z.boolean().catch(false).default(false),
  completionThreshold: z.number().min(0).max(1).catch(0.9).default(0.9),
  chapters: z.array(Chapter).catch([]).default([]),
});
export type VideoSettings = z.output<typeof StoredVideoSettings>;

/** What the upload's tus metadata must name (the client's; the server stamps its own keys). */
export const UploadMetadata = z.object({
  resourceId: ResourceId,
  filename: z.string().trim().min(1).max(255),
  filetype: z.string().max(255).optional(),
});
