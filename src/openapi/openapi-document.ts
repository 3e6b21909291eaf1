import { createRequire } from 'node:module';
import { z } from 'zod';
import { adminOperations } from './admin.operations.js';
import { analyticsOperations } from './analytics.operations.js';
import { classroomOperations } from './classroom.operations.js';
import { contentOperations } from './content.operations.js';
import { objectProperties, requestPart, toJsonSchema, type JsonSchema } from './json-schema.js';
import { mediaOperations } from './media.operations.js';
import type { Operation, ResponseSpec } from './operation.js';
import { PROBLEM_REASONS, ProblemSchema } from './problem.js';
import { xapiOperations } from './xapi.operations.js';

/** This document's own route. */
const selfOperation: Operation = {
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This description (OpenAPI 3.1)',
  tags: ['meta'],
  auth: { kind: 'none' },
  responses: { 200: { description: 'The document', schema: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.looseObject({})) }) } },
};

/** Every JSON API of Amphi (/api/*, /xapi/*), one row per route. */
export const OPERATIONS: readonly Operation[] = [selfOperation, ...contentOperations, ...mediaOperations, ...classroomOperations, ...analyticsOperations, ...adminOperations, ...xapiOperations];

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const TAGS = [
  { name: 'meta', description: 'This description.' },
  { name: 'session', description: 'The launch session the page runs in.' },
  { name: 'content', description: 'Resources, the picker and deep linking.' },
  { name: 'grades', description: 'Scores and their delivery to the platform (AGS).' },
  { name: 'roster', description: 'The course’s members (NRPS).' },
  { name: 'video', description: 'Videos, uploads (tus) and the player’s statements.' },
  { name: 'captions', description: 'Caption tracks, automatic captions, the editor.' },
  { name: 'classroom', description: 'Virtual classrooms (BigBlueButton).' },
  { name: 'analytics', description: 'Learning analytics.' },
  { name: 'admin', description: 'The administration page of a Moodle administrator: the session’s own platform only.' },
  { name: 'xapi', description: 'The Learning Record Store (xAPI 1.0.3).' },
];

/**
 * The OpenAPI 3.1 document, built from the rows and the zod schemas they name. Built once per
 * process: the schemas do not change while it runs.
 */
export function buildOpenApiDocument(publicUrl: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    if (paths[op.path]![op.method]) throw new Error(`${op.method} ${op.path} is described twice`);
    paths[op.path]![op.method] = describeOperation(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Amphi',
      version: packageVersion(),
      description: 'The JSON APIs of Amphi: what its pages call (/api, with the launch session) and its LRS (/xapi). Refusals are application/problem+json (RFC 9457).',
    },
    servers: [{ url: publicUrl }],
    tags: TAGS,
    paths,
    components: {
      schemas: { Problem: toJsonSchema(ProblemSchema, 'output') },
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'The page’s session token (from the launch page, renewed with POST /api/session/refresh).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'amphi-session', description: 'The session cookie: GET and HEAD only (media, downloads).' },
        xapiBasic: { type: 'http', scheme: 'basic', description: 'An LRS credential (amphi lrs credentials create).' },
      },
    },
  };
}

function describeOperation(op: Operation): Record<string, unknown> {
  const request = op.request ? toJsonSchema(op.request, 'input') : undefined;
  const parameters: Record<string, unknown>[] = [];
  const path = request && requestPart(request, 'params');
  for (const p of path ? objectProperties(path.schema) : []) parameters.push({ name: p.name, in: 'path', required: true, schema: p.schema });
  const query = request && requestPart(request, 'query');
  for (const p of query ? objectProperties(query.schema) : []) parameters.push({ name: p.name, in: 'query', required: p.required, schema: p.schema });
  for (const p of op.parameters ?? []) parameters.push({ name: p.name, in: 'query', required: p.required, description: p.description, schema: toJsonSchema(p.schema, 'input') });
  for (const h of op.headers ?? []) parameters.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: toJsonSchema(h.schema, 'input') });
  // Path parameters the request schema does not name (tus upload ids) are still parameters.
  for (const name of op.path.match(/\{(\w+)\}/g)?.map((m) => m.slice(1, -1)) ?? []) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }

  const described: Record<string, unknown> = {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    security: security(op),
    ...(parameters.length ? { parameters } : {}),
  };
  const body = requestBody(op, request);
  if (body) described.requestBody = body;
  if (op.auth.kind === 'session') described['x-amphi-role'] = op.auth.role;
  described.responses = responses(op, request !== undefined, body !== undefined);
  return described;
}

function security(op: Operation): Record<string, string[]>[] {
  if (op.auth.kind === 'none') return [];
  if (op.auth.kind === 'xapi') return [{ xapiBasic: [] }];
  return op.method === 'get' || op.method === 'head' ? [{ session: [] }, { sessionCookie: [] }] : [{ session: [] }];
}

function requestBody(op: Operation, request: JsonSchema | undefined): Record<string, unknown> | undefined {
  if (op.body) {
    const content: Record<string, unknown> = {};
    for (const [type, schema] of Object.entries(op.body.content)) content[type] = { schema: schema ? toJsonSchema(schema, 'input') : {} };
    return { required: op.body.required, ...(op.body.description ? { description: op.body.description } : {}), content };
  }
  const body = request && requestPart(request, 'body');
  if (!body) return undefined;
  // validate() reads a missing body as {}: it is required only when {} would be refused.
  const required = ((body.schema.required as string[] | undefined) ?? []).length > 0 || body.schema.type !== 'object';
  return { required, content: { 'application/json': { schema: body.schema } } };
}

function responses(op: Operation, validated: boolean, hasBody: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(op.responses)) out[status] = describeResponse(spec);
  const refusals = new Set(op.errors ?? []);
  if (validated || op.parameters?.length || op.auth.kind === 'xapi') refusals.add(400);
  if (op.auth.kind !== 'none') refusals.add(401);
  // A learner's route still refuses what the session may not see (another course's, a teachers' dashboard).
  if (op.auth.kind !== 'none') refusals.add(403);
  // Every JSON body has the API's size limit.
  if (op.auth.kind === 'session' && hasBody) refusals.add(413);
  if (op.path.includes('{')) refusals.add(404);
  for (const status of [...refusals].sort((a, b) => a - b)) {
    if (out[status]) continue;
    out[status] = { description: PROBLEM_REASONS[status] ?? 'Refused.', content: { 'application/problem+json': { schema: PROBLEM_REF } } };
  }
  return out;
}

function describeResponse(spec: ResponseSpec): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  if (spec.schema) content['application/json'] = { schema: toJsonSchema(spec.schema, 'output') };
  for (const [type, schema] of Object.entries(spec.content ?? {})) content[type] = { schema: schema ? toJsonSchema(schema, 'output') : {} };
  const headers = Object.fromEntries(Object.entries(spec.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
  return { description: spec.description, ...(Object.keys(headers).length ? { headers } : {}), ...(Object.keys(content).length ? { content } : {}) };
}

function packageVersion(): string {
  // src/openapi and dist/openapi are both two levels below package.json.
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
