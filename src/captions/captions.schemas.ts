import { z } from 'zod';

const ResourceId = z.string().min(1).max(64);
const TrackId = z.uuid();
/** BCP 47 as people and BigBlueButton write it (fr, fr-FR, zh-Hant-TW), normalised to lower-case language and upper-case region. */
export const LanguageTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'must be a language tag such as fr or fr-FR')
  .transform((tag) => tag.split('-').map((part, i) => (i === 0 ? part.toLowerCase() : part.length === 2 ? part.toUpperCase() : part)).join('-'));
export const CaptionKind = z.enum(['subtitles', 'captions']);
const Label = z.string().trim().max(100);

/** Times in seconds (a week at most: no lecture is longer), text as typed (sanitised by the service). */
export const CueInput = z
  .object({
    start: z.number().min(0).max(7 * 24 * 3600),
    end: z.number().min(0).max(7 * 24 * 3600),
    text: z.string().max(2000),
  })
  .strict()
  .refine((c) => c.end > c.start, 'a cue must end after it starts');

export const MAX_CUES = 20_000;

export const ResourceCaptionsParams = z.object({ params: z.object({ resourceId: ResourceId }) });

export const GenerateCaptions = z.object({
  params: z.object({ resourceId: ResourceId }),
  body: z.object({ lang: LanguageTag }).strict(),
});

export const CreateTrack = z.object({
  params: z.object({ resourceId: ResourceId }),
  body: z.object({ lang: LanguageTag, kind: CaptionKind.default('subtitles'), label: Label.optional() }).strict(),
});

export const ImportCaptions = z.object({
  params: z.object({ resourceId: ResourceId }),
  query: z.object({
    lang: LanguageTag,
    kind: CaptionKind.default('subtitles'),
    label: Label.optional(),
    fileName: z.string().max(255).optional(),
  }),
});

export const TrackParams = z.object({ params: z.object({ trackId: TrackId }) });

export const SaveCaptions = z.object({
  params: z.object({ trackId: TrackId }),
  body: z.object({ baseVersion: z.number().int().min(1), cues: z.array(CueInput).max(MAX_CUES) }).strict(),
});

export const UpdateTrack = z.object({
  params: z.object({ trackId: TrackId }),
  body: z
    .object({ label: Label.min(1, 'a label is required').optional(), kind: CaptionKind.optional() })
    .strict()
    .refine((b) => b.label !== undefined || b.kind !== undefined, 'nothing to change'),
});

export const RestoreVersion = z.object({
  params: z.object({ trackId: TrackId, version: z.coerce.number().int().min(1) }),
});

export const ExportCaptions = z.object({
  params: z.object({ trackId: TrackId }),
  query: z.object({ format: z.enum(['vtt', 'srt', 'txt']).default('vtt') }),
});

/** /media/<token>/captions/<trackId>/v<version>.vtt */
export const CaptionFileParams = z.object({
  params: z.object({
    token: z.string().min(10).max(2048),
    trackId: z.string().max(64),
    file: z.string().max(32),
  }),
});
