import { z } from 'zod';

/** GET /api/roster[?refresh=1]: refresh=1 asks the platform now instead of using a fresh copy. */
export const GetRoster = z.object({
  query: z.object({ refresh: z.enum(['0', '1']).optional() }),
});
