import { z } from 'zod';

export const ClassroomParams = z.object({ params: z.object({ resourceId: z.string().min(1).max(64) }) });

/** POST /join takes no body; a stray one is refused so a client bug shows. */
export const JoinClassroom = z.object({
  params: z.object({ resourceId: z.string().min(1).max(64) }),
  body: z.object({}).strict(),
});
