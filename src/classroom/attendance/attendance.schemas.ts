import { z } from 'zod';

export const AttendanceQuery = z.object({
  params: z.object({ resourceId: z.string().min(1).max(100) }),
  query: z.looseObject({ format: z.enum(['json', 'csv']).default('json') }),
});
