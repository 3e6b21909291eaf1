import { z } from 'zod';

/** At most this many statements per request: the player sends up to 100 at once (a backlog after a network outage). */
export const MAX_STATEMENTS_PER_REQUEST = 100;
/** Body limit of the statements endpoint (JSON and beacon forms). */
export const STATEMENTS_BODY_LIMIT = '256kb';

/**
 * The envelope; each statement is checked against the video profile by the service, which says
 * which one is refused and why. `token` is the beacon form's session (sendBeacon sends no headers).
 */
export const PostVideoStatements = z.object({
  params: z.object({ resourceId: z.string().min(1).max(64) }),
  body: z.object({
    statements: z.array(z.unknown()).min(1).max(MAX_STATEMENTS_PER_REQUEST),
    token: z.string().max(4096).optional(),
  }),
});
