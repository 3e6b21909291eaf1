import { z } from 'zod';

/**
 * application/problem+json (RFC 9457) as src/http/error-handler.ts renders every refusal of the
 * JSON APIs, the LRS's included. `detail` is English; `localizedDetail` is in `locale`.
 */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  locale: z.enum(['fr', 'en']),
  localizedDetail: z.string(),
  code: z.string(),
  requestId: z.string(),
  /** Validation failures (400 invalid-request): one entry per field. */
  issues: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
});

/** Why each status is answered, for the description of its problem response. */
export const PROBLEM_REASONS: Record<number, string> = {
  400: 'The request is malformed or fails validation (code invalid-request, with issues).',
  401: 'No live session, or no valid credential.',
  403: 'The session lacks the role or the right over this resource.',
  404: 'Nothing of that id is visible to this session.',
  405: 'The method is not allowed on this resource.',
  409: 'Conflicts with the current state (a version changed meanwhile, an operation already running).',
  412: 'The document changed since the ETag the client sent.',
  413: 'The body is larger than this route accepts.',
  415: 'The body is not of a media type this route reads.',
  422: 'The content was understood but cannot be used.',
  428: 'A document update needs If-Match or If-None-Match.',
  502: 'A system Amphi called (platform, BigBlueButton) failed.',
  503: 'The service is busy or not configured.',
};
