import { z } from 'zod';
import { AboutSchema, ActivitySchema, DocumentIdsSchema, PersonSchema, StatementIdsSchema, StatementResultSchema, StatementSchema } from '../lrs/http/xapi.responses.js';
import { noBody, type HeaderParameter, type Operation, type QueryParameter, type ResponseSpec } from './operation.js';

/**
 * The LRS (xAPI 1.0.3 Communication, https://github.com/adlnet/xAPI-Spec). Its routes validate
 * with the LRS's own code, not zod, so the parameters are written here, in the spec's words.
 * Every resource but About needs an LRS credential (Basic) and the version header; HEAD is
 * answered wherever GET is.
 */

const q = (name: string, description: string, required = false, schema: z.ZodType = z.string()): QueryParameter => ({ in: 'query', name, description, required, schema });
const VERSION: HeaderParameter = { name: 'X-Experience-API-Version', required: true, description: 'The xAPI version the client speaks (1.0.x; the answer names the one used).', schema: z.string() };
const xapi = { auth: { kind: 'xapi' } as const, tags: ['xapi'], headers: [VERSION] };

const AGENT = 'An Agent as JSON (Data 2.4.2.1), e.g. {"mbox":"mailto:a@example.org"}.';
const ACTIVITY_ID = q('activityId', 'The Activity’s IRI.', true);
const REGISTRATION = q('registration', 'A registration UUID.', false, z.uuid());
const SINCE = q('since', 'Only ids of documents stored after this ISO 8601 instant.');
const DOCUMENT_BODY = { required: true, content: { 'application/json': z.unknown(), 'application/octet-stream': undefined }, description: 'The document: JSON (POST merges JSON objects) or any media type.' };
const IF_MATCH: HeaderParameter[] = [
  { name: 'If-Match', required: false, description: 'Write only if the document’s ETag is this one.', schema: z.string() },
  { name: 'If-None-Match', required: false, description: '`*`: write only if no document exists.', schema: z.string() },
];
const DOCUMENT: Record<number, ResponseSpec> = {
  200: {
    description: 'The document as stored (its Content-Type, ETag, Last-Modified) or, without its id, the array of ids',
    schema: z.union([DocumentIdsSchema, z.unknown()]),
    content: { 'application/octet-stream': undefined },
    headers: { ETag: 'The document’s ETag.', 'Last-Modified': 'When it was last written.' },
  },
};

/** The four methods of a document resource (Communication 2.3, 2.7). */
function documentOperations(path: string, name: string, scope: QueryParameter[], idName: string, single: string): Operation[] {
  const id = q(idName, `The ${single}’s id; without it, GET lists the ids and DELETE removes them all (state only).`);
  const writeId = { ...id, required: true, description: `The ${single}’s id.` };
  return [
    { ...xapi, method: 'get', path, operationId: `get${name}`, summary: `A ${single}, or the ids stored`, parameters: [...scope, id, SINCE], responses: DOCUMENT, errors: [404] },
    { ...xapi, method: 'put', path, operationId: `put${name}`, summary: `Store a ${single}, replacing it`, headers: [VERSION, ...IF_MATCH], parameters: [...scope, writeId], body: DOCUMENT_BODY, responses: { 204: noBody('Stored') }, errors: [409, 412, 413, 415, 428] },
    { ...xapi, method: 'post', path, operationId: `post${name}`, summary: `Merge JSON into a ${single}`, headers: [VERSION, ...IF_MATCH], parameters: [...scope, writeId], body: DOCUMENT_BODY, responses: { 204: noBody('Merged') }, errors: [409, 412, 413, 415] },
    { ...xapi, method: 'delete', path, operationId: `delete${name}`, summary: `Delete a ${single}`, headers: [VERSION, ...IF_MATCH], parameters: [...scope, path.endsWith('/state') ? id : writeId], responses: { 204: noBody('Deleted') }, errors: [412] },
  ];
}

const STATEMENT_FILTERS = [
  q('statementId', 'One statement by id.', false, z.uuid()),
  q('voidedStatementId', 'One voided statement by id.', false, z.uuid()),
  q('agent', AGENT),
  q('verb', 'A Verb id.'),
  q('activity', 'An Activity id.'),
  REGISTRATION,
  q('related_activities', 'Match the activity anywhere in the statement.', false, z.enum(['true', 'false'])),
  q('related_agents', 'Match the agent anywhere in the statement.', false, z.enum(['true', 'false'])),
  q('since', 'Stored after this ISO 8601 instant.'),
  q('until', 'Stored at or before this ISO 8601 instant.'),
  q('limit', 'At most this many (0: the server’s maximum).', false, z.string().regex(/^\d+$/)),
  q('format', 'ids, exact or canonical.', false, z.enum(['ids', 'exact', 'canonical'])),
  q('attachments', 'true: multipart/mixed with the attachments’ bytes.', false, z.enum(['true', 'false'])),
  q('ascending', 'Oldest first.', false, z.enum(['true', 'false'])),
  q('more', 'The cursor of the next page (the `more` IRL of the previous one).'),
];
const STATEMENT_BODY = { required: true, content: { 'application/json': z.union([z.looseObject({}), z.array(z.looseObject({}))]), 'multipart/mixed': undefined }, description: 'A statement, or an array of them for POST; multipart/mixed with signed or attached parts.' };

export const xapiOperations: Operation[] = [
  {
    ...xapi,
    method: 'get',
    path: '/xapi/statements',
    operationId: 'getStatements',
    errors: [404],
    summary: 'One statement by id, or a page of statements matching the filters',
    parameters: STATEMENT_FILTERS,
    responses: {
      200: {
        description: 'A statement (statementId, voidedStatementId) or a StatementResult',
        schema: z.union([StatementResultSchema, StatementSchema]),
        content: { 'multipart/mixed': undefined },
        headers: { 'X-Experience-API-Consistent-Through': 'Every statement stored before this instant is included.' },
      },
    },
  },
  { ...xapi, method: 'put', path: '/xapi/statements', operationId: 'putStatement', summary: 'Store one statement under the id given', parameters: [q('statementId', 'The statement’s id.', true, z.uuid())], body: STATEMENT_BODY, responses: { 204: noBody('Stored (or the same statement was already)') }, errors: [409, 413, 415] },
  { ...xapi, method: 'post', path: '/xapi/statements', operationId: 'postStatements', summary: 'Store statements', body: STATEMENT_BODY, responses: { 200: { description: 'Their ids, in the order sent', schema: StatementIdsSchema } }, errors: [409, 413, 415] },
  ...documentOperations('/xapi/activities/state', 'State', [ACTIVITY_ID, q('agent', AGENT, true), REGISTRATION], 'stateId', 'state document'),
  ...documentOperations('/xapi/activities/profile', 'ActivityProfile', [ACTIVITY_ID], 'profileId', 'activity profile'),
  ...documentOperations('/xapi/agents/profile', 'AgentProfile', [q('agent', AGENT, true)], 'profileId', 'agent profile'),
  { ...xapi, method: 'get', path: '/xapi/activities', operationId: 'getActivity', errors: [404], summary: 'The Activity Object, with its canonical definition', parameters: [ACTIVITY_ID], responses: { 200: { description: 'The activity', schema: ActivitySchema } } },
  { ...xapi, method: 'get', path: '/xapi/agents', operationId: 'getPerson', errors: [404], summary: 'The Person Object of an agent', parameters: [q('agent', AGENT, true)], responses: { 200: { description: 'The person', schema: PersonSchema } } },
  { method: 'get', path: '/xapi/about', operationId: 'getAbout', summary: 'The xAPI versions this LRS speaks (no credential needed)', tags: ['xapi'], auth: { kind: 'none' }, responses: { 200: { description: 'About', schema: AboutSchema } } },
];
