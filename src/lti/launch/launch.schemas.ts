import { z } from 'zod';

/** The platform's form_post to the redirect URI (Security Framework §5.1.1.3). */
export const LaunchRequest = z.object({
  body: z.object({
    id_token: z.string({ error: 'id_token is required' }).min(1, 'id_token is required').max(100_000),
    state: z.string({ error: 'state is required' }).min(1, 'state is required').max(20_000),
  }),
});
