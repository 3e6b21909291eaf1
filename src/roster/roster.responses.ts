import { z } from 'zod';
import type { toRosterResponse } from './roster.view.js';

/**
 * Wire schema of GET /api/roster (roster.view.ts), for the API description (src/openapi). The
 * type check at the end makes tsc refuse an answer this description does not follow.
 */
export const RosterResponseSchema = z.object({
  status: z.enum(['ok', 'failed', 'unavailable']),
  fetchedAt: z.string().nullable(),
  error: z.string().nullable(),
  members: z.array(
    z.object({
      userId: z.string().nullable(),
      name: z.string().nullable(),
      givenName: z.string().nullable(),
      familyName: z.string().nullable(),
      email: z.string().nullable(),
      role: z.enum(['instructor', 'learner', 'other']),
      // LIS statuses (Active, Inactive, Deleted) and whatever else a platform sends.
      status: z.string(),
      source: z.enum(['nrps', 'launch']),
    }),
  ),
});

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type RosterResponseFits = Fits<ReturnType<typeof toRosterResponse>, z.input<typeof RosterResponseSchema>>;
