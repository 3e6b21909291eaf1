import crypto from 'node:crypto';

/** Statements as Amphi's player builds them (xAPI video profile), for the tracking tests. */
export const V = 'https://w3id.org/xapi/video/extensions/';
export const VERB = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  played: 'https://w3id.org/xapi/video/verbs/played',
  paused: 'https://w3id.org/xapi/video/verbs/paused',
  seeked: 'https://w3id.org/xapi/video/verbs/seeked',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  interacted: 'http://adlnet.gov/expapi/verbs/interacted',
} as const;
export type Verb = keyof typeof VERB;

const CATEGORY = [{ id: 'https://w3id.org/xapi/video', definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }];

/** A valid statement of `verb`; `result`/`context` extensions are added to (or, with undefined, remove) the defaults. */
export function videoStatement(
  verb: Verb,
  options: { sessionId?: string; at?: Date; result?: Record<string, unknown>; context?: Record<string, unknown>; extra?: Record<string, unknown> } = {},
): Record<string, any> {
  const sessionId = options.sessionId ?? '5f0e7b4a-3c1d-4e2f-9a8b-1c2d3e4f5a6b';
  const defaults: Record<Verb, { result?: Record<string, unknown>; context: Record<string, unknown> }> = {
    initialized: {
      context: {
        length: 20, 'completion-threshold': 0.9, 'cc-subtitle-enabled': false, 'full-screen': false, 'screen-size': '1920x1080',
        'video-playback-size': '640x360', speed: '1x', volume: 1, quality: 'auto', 'user-agent': 'Mozilla/5.0',
      },
    },
    played: { result: { time: 0 }, context: {} },
    paused: { result: { time: 5.23, progress: 0.2615, 'played-segments': '0[.]5.23' }, context: { length: 20 } },
    seeked: { result: { 'time-from': 5.23, 'time-to': 10 }, context: {} },
    completed: { result: { time: 20, progress: 1, 'played-segments': '0[.]20' }, context: { length: 20 } },
    terminated: { result: { time: 20, progress: 1, 'played-segments': '0[.]20' }, context: { length: 20 } },
    interacted: { result: { time: 3 }, context: { speed: '1.5x' } },
  };
  const d = defaults[verb];
  const resultExt = prefixed({ ...d.result, ...options.result });
  const contextExt = prefixed({ 'session-id': sessionId, ...d.context, ...options.context });
  return {
    id: crypto.randomUUID(),
    verb: { id: VERB[verb], display: { 'en-US': verb } },
    timestamp: (options.at ?? new Date()).toISOString(),
    ...(Object.keys(resultExt).length || verb === 'completed'
      ? { result: { ...(verb === 'completed' ? { completion: true, duration: 'PT20S' } : {}), extensions: resultExt } }
      : {}),
    context: { extensions: contextExt, contextActivities: { category: CATEGORY } },
    ...options.extra,
  };
}

function prefixed(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => [`${V}${k}`, v]));
}
