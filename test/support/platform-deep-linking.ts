import crypto from 'node:crypto';
import type http from 'node:http';
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { escapeHtml, readBody, sendHtml } from './platform-http.js';
import { TYPE_ID, lineItemUrl, type Activity, type DeepLinkingOptions, type DeepLinkingRequest, type LineItem, type ServiceHost } from './platform-state.js';

/**
 * Deep Linking 2.0 (https://www.imsglobal.org/spec/lti-dl/v2p0) as Moodle runs it: the request's
 * deep_link_return_url is mod/lti/contentitem_return.php?course=…&id=…&sesskey=… (Moodle finds the
 * course from that query, so the tool must post to the URL exactly as given), and each
 * ltiResourceLink of the answer becomes an LTI activity of that course, graded when it has a lineItem.
 */

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** The deep_linking_settings claim of one request; the request is kept under its sesskey. */
export function deepLinkingSettingsFor(host: ServiceHost, options: Partial<DeepLinkingOptions>, courseId: string, deploymentId: string): Record<string, unknown> {
  const sesskey = crypto.randomBytes(8).toString('hex');
  const { data = `dl-${crypto.randomUUID()}`, ...rest } = options;
  const settings: Record<string, unknown> = {
    deep_link_return_url: `${host.url}/mod/lti/contentitem_return.php?course=${encodeURIComponent(courseId)}&id=${TYPE_ID}&sesskey=${sesskey}`,
    accept_types: ['ltiResourceLink'],
    accept_presentation_document_targets: ['frame', 'iframe', 'window'],
    accept_multiple: true,
    accept_lineitem: true,
    auto_create: false,
    ...rest,
    ...(data ? { data } : {}),
  };
  host.state.deepLinkingRequests.set(sesskey, { courseId, deploymentId, settings });
  return settings;
}

/** `POST /mod/lti/contentitem_return.php` with the form field `JWT` (LtiDeepLinkingResponse). */
export async function handleDeepLinkingResponse(host: ServiceHost, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const refuse = (reason: string) => {
    host.state.deepLinkRejections.push(reason);
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end(reason);
  };
  if (req.method !== 'POST') return refuse('POST the JWT form to deep_link_return_url');
  const sesskey = url.searchParams.get('sesskey');
  const request = sesskey ? host.state.deepLinkingRequests.get(sesskey) : undefined;
  if (!request || url.searchParams.get('course') !== request.courseId || url.searchParams.get('id') !== TYPE_ID) {
    return refuse('course, id or sesskey missing or wrong: post to deep_link_return_url exactly as given');
  }
  const jwt = new URLSearchParams(await readBody(req)).get('JWT');
  if (!jwt) return refuse('the form has no JWT field');
  let payload: JWTPayload;
  try {
    payload = await verifyResponseJwt(host, jwt);
  } catch (err) {
    return refuse(`JWT refused: ${(err as Error).message}`);
  }
  const problem = claimsProblem(host, payload, request) ?? itemsProblem(payload, request.settings);
  if (problem) return refuse(problem);
  host.state.usedDeepLinkingNonces.add(payload.nonce as string);
  const activities = contentItems(payload)
    .filter((item) => item.type === 'ltiResourceLink')
    .map((item) => addActivity(host, request.courseId, item));
  host.state.deepLinkResponses.push({ payload: payload as Record<string, unknown>, activities });
  sendHtml(res, 200, resultPage(activities, payload[`${DL}errormsg`], payload[`${DL}msg`]));
}

async function verifyResponseJwt(host: ServiceHost, jwt: string): Promise<JWTPayload> {
  const header = decodeProtectedHeader(jwt);
  if (header.alg !== 'RS256') throw new Error(`alg must be RS256, not ${header.alg}`);
  if (!header.kid) throw new Error('the header has no kid');
  const { payload } = await jwtVerify(jwt, await host.toolKeySet(), {
    algorithms: ['RS256'],
    issuer: host.clientId,
    audience: host.issuer,
    requiredClaims: ['iat', 'exp', 'nonce'],
  });
  if (payload.iat! > Date.now() / 1000 + 60) throw new Error('iat is in the future');
  return payload;
}

function claimsProblem(host: ServiceHost, payload: JWTPayload, request: DeepLinkingRequest): string | undefined {
  if (payload[`${LTI}message_type`] !== 'LtiDeepLinkingResponse') return 'message_type must be LtiDeepLinkingResponse';
  if (payload[`${LTI}version`] !== '1.3.0') return 'version must be 1.3.0';
  if (payload[`${LTI}deployment_id`] !== request.deploymentId) return `deployment_id must be ${request.deploymentId}, the deployment of the request`;
  const data = request.settings.data;
  if (data !== undefined && payload[`${DL}data`] !== data) return "data must be the request's data, unchanged";
  if (typeof payload.nonce !== 'string' || !payload.nonce) return 'nonce must be a non-empty string';
  if (host.state.usedDeepLinkingNonces.has(payload.nonce)) return 'nonce already used: this answer was replayed';
  return undefined;
}

function contentItems(payload: JWTPayload): Record<string, unknown>[] {
  return (payload[`${DL}content_items`] as Record<string, unknown>[] | undefined) ?? [];
}

function itemsProblem(payload: JWTPayload, settings: Record<string, unknown>): string | undefined {
  const items: unknown = payload[`${DL}content_items`] ?? [];
  if (!Array.isArray(items)) return 'content_items must be an array';
  if (items.length > 1 && settings.accept_multiple === false) return 'accept_multiple is false: at most one content item';
  const acceptTypes = settings.accept_types as string[];
  for (const [i, item] of items.entries()) {
    const where = `content_items[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return `${where} must be an object`;
    const { type, url, title, text, custom, lineItem } = item as Record<string, unknown>;
    if (typeof type !== 'string' || !acceptTypes.includes(type)) return `${where}: type ${String(type)} is not in accept_types`;
    if (type !== 'ltiResourceLink') continue;
    if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url))) return `${where}: url must be an http(s) URL`;
    if (title !== undefined && typeof title !== 'string') return `${where}: title must be a string`;
    if (text !== undefined && typeof text !== 'string') return `${where}: text must be a string`;
    if (custom !== undefined && (!custom || typeof custom !== 'object' || Object.values(custom).some((v) => typeof v !== 'string'))) {
      return `${where}: custom must be an object of strings`;
    }
    for (const key of ['iframe', 'window', 'thumbnail', 'icon']) {
      const value = (item as Record<string, unknown>)[key];
      if (value !== undefined && (!value || typeof value !== 'object')) return `${where}: ${key} must be an object`;
    }
    if (lineItem === undefined) continue;
    if (settings.accept_lineitem === false) return `${where}: lineItem sent although accept_lineitem is false`;
    if (!lineItem || typeof lineItem !== 'object') return `${where}: lineItem must be an object`;
    const { scoreMaximum, label, resourceId, tag } = lineItem as Record<string, unknown>;
    if (typeof scoreMaximum !== 'number' || !(scoreMaximum > 0)) return `${where}: lineItem.scoreMaximum must be a number above 0`;
    for (const [name, value] of Object.entries({ label, resourceId, tag })) {
      if (value !== undefined && typeof value !== 'string') return `${where}: lineItem.${name} must be a string`;
    }
  }
  return undefined;
}

/** Moodle's lti_tool_configuration_from_content_item: a new activity, with its grade item when the link is graded. */
function addActivity(host: ServiceHost, courseId: string, item: Record<string, unknown>): Activity {
  const { state } = host;
  const resourceLinkId = state.newResourceLinkId();
  const title = (item.title as string | undefined) || 'LTI activity';
  state.course(courseId);
  state.resourceLinks.set(resourceLinkId, { courseId, title });
  const activity: Activity = { resourceLinkId, courseId, title, custom: { ...(item.custom as Record<string, string> | undefined) } };
  for (const key of ['text', 'url'] as const) if (typeof item[key] === 'string') activity[key] = item[key] as string;
  for (const key of ['iframe', 'window', 'thumbnail', 'icon'] as const) if (item[key]) activity[key] = item[key] as Record<string, unknown>;
  const graded = item.lineItem as { scoreMaximum: number; label?: string; resourceId?: string; tag?: string } | undefined;
  if (graded) {
    const lineItem: LineItem = {
      itemId: state.newItemId(),
      courseId,
      label: graded.label || title,
      scoreMaximum: graded.scoreMaximum,
      resourceId: graded.resourceId ?? '',
      tag: graded.tag ?? '',
      resourceLinkId,
    };
    state.lineItems.set(lineItem.itemId, lineItem);
    activity.lineItemUrl = lineItemUrl(host, lineItem);
  }
  state.createdActivities.push(activity);
  return activity;
}

function resultPage(activities: Activity[], errormsg: unknown, msg: unknown): string {
  const list = activities.length
    ? `<ul>${activities.map((a) => `<li data-testid="added-activity">${escapeHtml(a.title)}</li>`).join('')}</ul>`
    : '<p data-testid="nothing-added">Nothing was added</p>';
  const notes =
    (typeof errormsg === 'string' ? `<p role="alert" data-testid="tool-error">${escapeHtml(errormsg)}</p>` : '') +
    (typeof msg === 'string' ? `<p data-testid="tool-message">${escapeHtml(msg)}</p>` : '');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Content from the tool</title></head>` +
    `<body><main><h1>Content from the tool</h1>${notes}${list}</main></body></html>`
  );
}
