import { z } from 'zod';

const ResourceId = z.string().min(1).max(64);
/** BBB's recordID (`<sha1 of the internal meeting id>-<ms>`); no comma: the API joins several with commas. */
const RecordId = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'not a recording id');

export const ClassroomParams = z.object({ params: z.object({ resourceId: ResourceId }) });

export const ListRecordings = z.object({
  params: z.object({ resourceId: ResourceId }),
  query: z.object({
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  }),
});

export const RecordingParams = z.object({ params: z.object({ resourceId: ResourceId, recordId: RecordId }) });

export const UpdateRecording = z.object({
  params: z.object({ resourceId: ResourceId, recordId: RecordId }),
  body: z
    .object({
      published: z.boolean().optional(),
      protected: z.boolean().optional(),
      name: z.string().trim().min(1, 'a name is required').max(255).optional(),
    })
    .strict()
    .refine((b) => b.published !== undefined || b.protected !== undefined || b.name !== undefined, 'nothing to change: send published, protected or name'),
});
export type RecordingChanges = z.output<typeof UpdateRecording>['body'];
