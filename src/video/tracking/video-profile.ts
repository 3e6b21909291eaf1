import { z } from 'zod';
import { parsePlayedSegments, PlayedSegmentsError } from './played-segments.js';

/**
 * The statements Amphi's player may send, as the xAPI video profile defines them
 * (https://w3id.org/xapi/video, statement data model:
 * https://liveaspankaj.gitbooks.io/xapi-video-profile/content/statement_data_model.html).
 * The client builds verb, result, context extensions and timestamp; the server sets actor,
 * object, authority and the rest of the context (tracking.service.ts). What is checked here:
 * known verbs, the extensions each verb requires, types (numbers are JSON numbers, never
 * strings), ranges (progress 0..1, times ≥ 0), the played-segments format, a session id on
 * every statement, and no extension the profile does not define.
 */
export const VIDEO_VERB = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  played: 'https://w3id.org/xapi/video/verbs/played',
  paused: 'https://w3id.org/xapi/video/verbs/paused',
  seeked: 'https://w3id.org/xapi/video/verbs/seeked',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  interacted: 'http://adlnet.gov/expapi/verbs/interacted',
} as const;
export type VideoVerb = keyof typeof VIDEO_VERB;

export const VIDEO_PROFILE_ID = 'https://w3id.org/xapi/video';
export const VIDEO_ACTIVITY_TYPE = 'https://w3id.org/xapi/video/activity-type/video';
const PREFIX = 'https://w3id.org/xapi/video/extensions/';
export const ext = (name: string) => `${PREFIX}${name}`;

/** Seconds in a video: JSON numbers, at most a day and a half of media. */
const Seconds = z.number().nonnegative().max(200_000);
const Share = z.number().min(0).max(1);
const Size = z.string().regex(/^\d{1,5}x\d{1,5}$/, 'must be WIDTHxHEIGHT in pixels');
const PlayedSegments = z.string().max(40_000).superRefine((value, check) => {
  try {
    parsePlayedSegments(value);
  } catch (err) {
    if (!(err instanceof PlayedSegmentsError)) throw err;
    check.addIssue({ code: 'custom', message: err.message });
  }
});

/** Every context extension the profile defines, with its type. */
const CONTEXT_EXTENSIONS = {
  'session-id': z.uuid(),
  length: Seconds,
  'completion-threshold': Share,
  'cc-subtitle-enabled': z.boolean(),
  'cc-subtitle-lang': z.string().regex(/^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/, 'must be a language tag'),
  'full-screen': z.boolean(),
  'screen-size': Size,
  'video-playback-size': Size,
  // The profile writes speeds as "1.5x"; a bare number is taken too.
  speed: z.union([z.string().regex(/^\d{1,2}(?:\.\d{1,3})?x$/, 'must be like "1.5x"'), z.number().positive().max(16)]),
  volume: Share,
  // The profile has a number (the rendition's height); players also write labels like "720p".
  quality: z.union([z.number().nonnegative().max(100_000), z.string().min(1).max(40)]),
  'user-agent': z.string().max(1000),
  'frame-rate': z.number().positive().max(1000),
  track: z.string().min(1).max(100),
} as const;
type ContextKey = keyof typeof CONTEXT_EXTENSIONS;

const RESULT_EXTENSIONS = {
  time: Seconds,
  'time-from': Seconds,
  'time-to': Seconds,
  progress: Share,
  'played-segments': PlayedSegments,
} as const;
type ResultKey = keyof typeof RESULT_EXTENSIONS;

/** The player's state an `interacted` statement reports the change of. */
const INTERACTION_STATE: ContextKey[] = ['speed', 'volume', 'full-screen', 'cc-subtitle-enabled', 'cc-subtitle-lang', 'quality', 'screen-size', 'video-playback-size', 'track'];

/** Required extensions per verb; every other known extension may come too. */
const REQUIRED: Record<VideoVerb, { context: ContextKey[]; result: ResultKey[] }> = {
  initialized: { context: ['session-id', 'length'], result: [] },
  played: { context: ['session-id'], result: ['time'] },
  paused: { context: ['session-id'], result: ['time', 'progress', 'played-segments'] },
  seeked: { context: ['session-id'], result: ['time-from', 'time-to'] },
  completed: { context: ['session-id'], result: ['time', 'progress', 'played-segments'] },
  terminated: { context: ['session-id'], result: ['time', 'progress', 'played-segments'] },
  interacted: { context: ['session-id'], result: ['time'] },
};

function extensions<K extends string>(types: Record<K, z.ZodType>, required: readonly K[], whenMissing?: string) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, type] of Object.entries(types) as [K, z.ZodType][]) shape[ext(name)] = required.includes(name) ? type : type.optional();
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `not an extension of the video profile: ${issue.keys.join(', ')}`;
      return issue.input === undefined ? whenMissing : undefined;
    },
  });
}

/** ISO 8601 duration (xAPI Data 4.6), e.g. PT1M5.25S. */
const Duration = z.string().regex(/^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$/, 'must be an ISO 8601 duration');

const ActivityRef = z.object({
  objectType: z.literal('Activity').optional(),
  id: z.url().max(1024),
  definition: z.object({ type: z.url().max(1024).optional(), name: z.record(z.string(), z.string().max(500)).optional() }).optional(),
});

function statementSchema(verb: VideoVerb) {
  const required = REQUIRED[verb];
  let contextExtensions: z.ZodType = extensions(CONTEXT_EXTENSIONS, required.context, `required, with the extensions ${required.context.join(', ')}`);
  if (verb === 'interacted') {
    contextExtensions = contextExtensions.refine((e) => INTERACTION_STATE.some((k) => (e as Record<string, unknown>)[ext(k)] !== undefined), {
      message: `an interacted statement carries the changed state (one of ${INTERACTION_STATE.join(', ')})`,
    });
  }
  const needs = `required for ${verb}, with the extensions ${required.result.join(', ')}`;
  const resultExtensions = extensions(RESULT_EXTENSIONS, required.result, needs);
  const result = z.strictObject(
    {
      completion: verb === 'completed' ? z.literal(true) : z.boolean().optional(),
      duration: verb === 'completed' ? Duration : Duration.optional(),
      extensions: required.result.length ? resultExtensions : resultExtensions.optional(),
    },
    { error: (issue) => (issue.input === undefined ? needs : undefined) },
  );
  return z.strictObject({
    id: z.uuid(),
    verb: z.object({ id: z.literal(VIDEO_VERB[verb]), display: z.record(z.string(), z.string()).optional() }),
    timestamp: z.iso.datetime({ offset: true }),
    result: required.result.length || verb === 'completed' ? result : result.optional(),
    context: z.object({
      extensions: contextExtensions,
      contextActivities: z
        .object({ category: z.array(ActivityRef).max(10).optional(), grouping: z.array(ActivityRef).max(10).optional() })
        .optional(),
      language: z.string().max(35).optional(),
    }),
    // Set by the server: ignored when the client sends them.
    actor: z.unknown().optional(),
    object: z.unknown().optional(),
    version: z.string().optional(),
  });
}

const SCHEMAS = Object.fromEntries((Object.keys(VIDEO_VERB) as VideoVerb[]).map((v) => [v, statementSchema(v)])) as Record<VideoVerb, ReturnType<typeof statementSchema>>;
const VERB_BY_ID = new Map(Object.entries(VIDEO_VERB).map(([name, id]) => [id as string, name as VideoVerb]));

export interface VideoStatement {
  id: string;
  verb: VideoVerb;
  timestamp: string;
  result?: { completion?: boolean; duration?: string; extensions?: Record<string, unknown> };
  context: {
    extensions: Record<string, unknown>;
    contextActivities?: { category?: z.output<typeof ActivityRef>[]; grouping?: z.output<typeof ActivityRef>[] };
  };
}

export type ProfileCheck = { ok: true; statement: VideoStatement } | { ok: false; reason: string };

/** Checks one statement against the profile; the reason names the field and what is wrong. */
export function checkVideoStatement(raw: unknown): ProfileCheck {
  const verbId = (raw as { verb?: { id?: unknown } } | null)?.verb?.id;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'a statement must be a JSON object' };
  const verb = typeof verbId === 'string' ? VERB_BY_ID.get(verbId) : undefined;
  if (!verb) return { ok: false, reason: `verb.id: ${typeof verbId === 'string' ? `${verbId} is not a verb of the video profile` : 'required'}` };
  const parsed = SCHEMAS[verb].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.join('.') || 'statement'}: ${issue.message}` };
  }
  const { id, timestamp, result, context } = parsed.data;
  return { ok: true, statement: { id: id.toLowerCase(), verb, timestamp, ...(result ? { result } : {}), context } as VideoStatement };
}

/** A result extension's value, typed (the schema checked it). */
export function resultNumber(statement: VideoStatement, name: 'time' | 'time-from' | 'time-to' | 'progress'): number | undefined {
  const value = statement.result?.extensions?.[ext(name)];
  return typeof value === 'number' ? value : undefined;
}

export function resultSegments(statement: VideoStatement): string | undefined {
  const value = statement.result?.extensions?.[ext('played-segments')];
  return typeof value === 'string' ? value : undefined;
}
