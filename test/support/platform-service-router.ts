import type http from 'node:http';
import { handleLineItem, handleLineItems, handleResults, handleScores } from './platform-ags.js';
import { mediaType, readBody, sendMoodleError } from './platform-http.js';
import { handleMemberships } from './platform-nrps.js';
import { MEDIA, SCOPE, TYPE_ID, type Course, type LineItem, type ServiceHost, type ServiceKind } from './platform-state.js';

export const SERVICES_PATH = '/mod/lti/services.php';

/** One request to mod/lti/services.php, checked up to the resource's own rules. */
export interface ServiceCall {
  host: ServiceHost;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  method: string;
  /** The raw Accept header: Moodle compares it whole. */
  accept: string;
  /** The Content-Type without parameters. */
  contentType: string;
  body: string;
  course: Course;
  /** The line item of the line item, scores and results resources. */
  item: LineItem | undefined;
  fail(status: number, reason: string): void;
}

interface Resource {
  kind: ServiceKind;
  pattern: RegExp;
  formats: string[];
  methods: string[];
  /** Any one of these scopes grants the call (Moodle intersects). */
  scopes(method: string): string[];
  /** The AGS resources carry Moodle's `?type_id=`; the NRPS one has the tool code in its path. */
  typeId: boolean;
  handle(call: ServiceCall): void;
}

const readOrWrite = (method: string) => (method === 'GET' ? [SCOPE.lineItem, SCOPE.lineItemReadonly] : [SCOPE.lineItem]);

/** Moodle's resources with their templates, formats and methods (mod/lti/service/{gradebookservices,memberships}). */
const RESOURCES: Resource[] = [
  {
    kind: 'lineitems',
    pattern: /^\/([^/]+)\/lineitems$/,
    formats: [MEDIA.lineItemContainer, MEDIA.lineItem],
    methods: ['GET', 'POST'],
    scopes: readOrWrite,
    typeId: true,
    handle: handleLineItems,
  },
  {
    kind: 'lineitems',
    pattern: /^\/([^/]+)\/lineitems\/([^/]+)\/lineitem$/,
    formats: [MEDIA.lineItem],
    methods: ['GET', 'PUT', 'DELETE'],
    scopes: readOrWrite,
    typeId: true,
    handle: handleLineItem,
  },
  {
    kind: 'scores',
    pattern: /^\/([^/]+)\/lineitems\/([^/]+)\/lineitem\/scores$/,
    formats: [MEDIA.scoreContainer, MEDIA.score],
    methods: ['POST'],
    scopes: () => [SCOPE.score],
    typeId: true,
    handle: handleScores,
  },
  {
    kind: 'results',
    pattern: /^\/([^/]+)\/lineitems\/([^/]+)\/lineitem\/results$/,
    formats: [MEDIA.resultContainer],
    methods: ['GET'],
    scopes: () => [SCOPE.resultReadonly],
    typeId: true,
    handle: handleResults,
  },
  {
    kind: 'memberships',
    pattern: /^\/[^/]+\/([^/]+)\/bindings\/([^/]+)\/memberships$/,
    formats: [MEDIA.membershipContainer],
    methods: ['GET'],
    scopes: () => [SCOPE.contextMembership],
    typeId: false,
    handle: handleMemberships,
  },
];

/** Which counter and fault queue a services.php request belongs to, from its path alone. */
export function serviceKindOf(pathname: string): ServiceKind {
  if (pathname.endsWith('/memberships')) return 'memberships';
  if (pathname.endsWith('/scores')) return 'scores';
  if (pathname.endsWith('/results')) return 'results';
  return 'lineitems';
}

/**
 * mod/lti/services.php: picks the resource whose formats accept the request's Accept (GET) or
 * Content-Type (POST, PUT) and whose template matches the whole path, or answers 400 "No handler
 * found"; then the checks every resource makes: the Bearer token (unknown, expired, lacking the
 * scope or issued for another type_id: 401), the course and the grade item (404).
 */
export async function handleServiceRequest(host: ServiceHost, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.slice(SERVICES_PATH.length);
  const method = req.method ?? 'GET';
  const accept = req.headers.accept ?? '';
  const contentType = mediaType(req.headers['content-type']);
  const fail = (status: number, reason: string) => sendMoodleError(req, res, status, reason);
  let resource: Resource | undefined;
  let match: RegExpExecArray | null = null;
  for (const candidate of RESOURCES) {
    if (method === 'GET' && accept && !accept.includes('*/*') && !candidate.formats.includes(accept)) continue;
    if (method !== 'GET' && method !== 'DELETE' && !candidate.formats.includes(contentType)) continue;
    match = candidate.pattern.exec(path);
    if (match) {
      resource = candidate;
      break;
    }
  }
  if (!resource || !match) return fail(400, `No handler found for ${path} ${accept} ${contentType}`);
  if (!resource.methods.includes(method)) return fail(405, 'Method Not Allowed');

  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const grant = token ? host.state.tokens.get(token) : undefined;
  if (!grant || grant.expiresAt <= Date.now()) return fail(401, 'Unauthorized: access token missing, unknown or expired');
  const needed = resource.scopes(method);
  if (!needed.some((s) => grant.scopes.includes(s))) return fail(401, `Unauthorized: the access token lacks the scope ${needed.join(' or ')}`);
  if (resource.typeId) {
    const typeId = url.searchParams.get('type_id');
    // Moodle 4.x would find the tool from the token alone; AGS makes the tool keep the URL's query, so we insist.
    if (typeId === null) return fail(404, 'Not Found: type_id missing (keep the query string of the line item URL)');
    if (typeId !== TYPE_ID) return fail(401, `Unauthorized: the access token was not issued for type_id ${typeId}`);
  }

  const courseId = decodeURIComponent(match[1]!);
  const course = host.state.courses.get(courseId);
  if (!course) return fail(404, `Not Found: Course ${courseId} doesn't exist`);
  let item: LineItem | undefined;
  if (resource.kind === 'memberships') {
    if (match[2] !== TYPE_ID) return fail(404, `Not Found: tool ${match[2]} doesn't exist`);
  } else if (match[2] !== undefined) {
    item = host.state.lineItems.get(match[2]);
    if (!item || item.courseId !== courseId) return fail(404, `Not Found: Grade item ${match[2]} doesn't exist`);
  }
  const body = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
  resource.handle({ host, req, res, url, method, accept, contentType, body, course, item, fail });
}
