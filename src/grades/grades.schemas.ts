import { z } from 'zod';

const ResourceId = z.string().min(1).max(64);
const UserId = z.string().min(1).max(64);

export const GetGradebook = z.object({ params: z.object({ id: ResourceId }) });

/** RecordScoreBody (grades.view.ts). The range against the maximum is the service's rule. */
export const RecordScore = z.object({
  params: z.object({ id: ResourceId }),
  body: z
    .object({
      userId: UserId,
      scoreGiven: z.number().finite(),
      comment: z.string().trim().max(4000).optional(),
    })
    .strict(),
});

export const RetryGrades = z.object({
  params: z.object({ id: ResourceId }),
  body: z.object({ userId: UserId.optional() }).strict(),
});
