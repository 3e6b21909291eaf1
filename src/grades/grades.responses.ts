import { z } from 'zod';
import type { GradebookResponse, ScoreResponse } from './grades.view.js';
import type { retryFailedScores } from './grades.service.js';

/**
 * Wire schemas of the grades API (grades.view.ts), for the API description (src/openapi). The
 * type checks at the end make tsc refuse an answer this description does not follow.
 */

export const ScoreResponseSchema = z.object({
  id: z.string(),
  scoreGiven: z.number(),
  scoreMaximum: z.number(),
  comment: z.string().nullable(),
  activityProgress: z.string(),
  gradingProgress: z.string(),
  timestamp: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

export const GradebookResponseSchema = z.object({
  resource: z.object({ id: z.string(), title: z.string(), gradable: z.boolean(), scoreMaximum: z.number().nullable() }),
  lineItem: z.object({ label: z.string().nullable(), scoreMaximum: z.number().nullable() }).nullable(),
  roster: z.object({ status: z.enum(['ok', 'failed', 'unavailable']), fetchedAt: z.string().nullable(), error: z.string().nullable() }),
  learners: z.array(z.object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable(), lastScore: ScoreResponseSchema.nullable() })),
  counts: z.object({ sent: z.number().int(), pending: z.number().int(), failed: z.number().int() }),
});

/** POST /api/resources/:id/grades/retry: how many failed deliveries were queued again. */
export const RequeuedScoresSchema = z.object({ requeued: z.number().int() });

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type ScoreResponseFits = Fits<ScoreResponse, z.input<typeof ScoreResponseSchema>>;
export type GradebookResponseFits = Fits<GradebookResponse, z.input<typeof GradebookResponseSchema>>;
export type RequeuedScoresFits = Fits<Awaited<ReturnType<typeof retryFailedScores>>, z.input<typeof RequeuedScoresSchema>>;
