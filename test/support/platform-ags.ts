import { nextPageUrl, pageOf, sendFormat } from './platform-http.js';
import type { ServiceCall } from './platform-service-router.js';
import { MEDIA, lineItemUrl, type Grade, type LineItem, type ServiceHost } from './platform-state.js';

/**
 * Moodle's gradebookservices resources (LTI AGS 2.0, https://www.imsglobal.org/spec/lti-ags/v2p0):
 * line items container and item, scores, results. Status codes and reasons follow
 * mod/lti/service/gradebookservices/classes/local/resources/*.php.
 */

export function lineItemJson(host: ServiceHost, item: LineItem): Record<string, unknown> {
  return {
    id: lineItemUrl(host, item),
    label: item.label,
    scoreMaximum: item.scoreMaximum,
    resourceId: item.resourceId,
    tag: item.tag,
    ...(item.resourceLinkId ? { resourceLinkId: item.resourceLinkId, ltiLinkId: item.resourceLinkId } : {}),
    ...(item.startDateTime ? { startDateTime: item.startDateTime } : {}),
    ...(item.endDateTime ? { endDateTime: item.endDateTime } : {}),
  };
}

/** `GET` (filters resource_link_id, resource_id, tag; limit/from paging) and `POST` of `/{course}/lineitems`. */
export function handleLineItems(call: ServiceCall): void {
  const { host, url } = call;
  if (call.method === 'GET') {
    if (call.accept && call.accept !== MEDIA.lineItemContainer) return call.fail(400, 'No context or unsupported content type');
    const linkId = url.searchParams.get('resource_link_id') ?? url.searchParams.get('lti_link_id');
    const resourceId = url.searchParams.get('resource_id');
    const tag = url.searchParams.get('tag');
    const items = [...host.state.lineItems.values()].filter(
      (i) =>
        i.courseId === call.course.id &&
        (linkId === null || i.resourceLinkId === linkId) &&
        (resourceId === null || i.resourceId === resourceId) &&
        (tag === null || i.tag === tag),
    );
    const { page, limit, nextFrom } = pageOf(items, url);
    const headers: Record<string, string> = nextFrom === undefined ? {} : { Link: `<${nextPageUrl(url, limit, nextFrom)}>; rel="next"` };
    return sendFormat(call.res, 200, MEDIA.lineItemContainer, page.map((i) => lineItemJson(host, i)), headers);
  }
  if (call.contentType !== MEDIA.lineItem) return call.fail(400, 'No context or unsupported content type');
  const parsed = readLineItem(call);
  if (!parsed) return;
  const item: LineItem = { itemId: host.state.newItemId(), courseId: call.course.id, ...parsed };
  host.state.lineItems.set(item.itemId, item);
  sendFormat(call.res, 201, MEDIA.lineItem, lineItemJson(host, item));
}

/** `GET`, `PUT` and `DELETE` of `/{course}/lineitems/{item}/lineitem`. */
export function handleLineItem(call: ServiceCall): void {
  const item = call.item!;
  if (call.method === 'GET') {
    if (call.accept && call.accept !== MEDIA.lineItem) return call.fail(400, 'No context or unsupported content type');
    return sendFormat(call.res, 200, MEDIA.lineItem, lineItemJson(call.host, item));
  }
  if (call.method === 'DELETE') {
    call.host.state.lineItems.delete(item.itemId);
    call.host.state.grades.delete(item.itemId);
    call.res.writeHead(204).end();
    return;
  }
  const parsed = readLineItem(call);
  if (!parsed) return;
  Object.assign(item, parsed);
  sendFormat(call.res, 200, MEDIA.lineItem, lineItemJson(call.host, item));
}

/** A line item body: label and scoreMaximum required, the resource link (if any) an activity of the course. */
function readLineItem(call: ServiceCall): Omit<LineItem, 'itemId' | 'courseId'> | undefined {
  const json = parseObject(call.body);
  if (!json) return void call.fail(400, 'The body is not a JSON object');
  if (typeof json.label !== 'string' || !json.label.trim()) return void call.fail(400, 'No label or Score Maximum: label must be a non-empty string');
  if (typeof json.scoreMaximum !== 'number' || !(json.scoreMaximum > 0)) return void call.fail(400, 'No label or Score Maximum: scoreMaximum must be a number above 0');
  for (const key of ['resourceId', 'tag', 'resourceLinkId', 'ltiLinkId', 'startDateTime', 'endDateTime']) {
    if (json[key] !== undefined && json[key] !== null && typeof json[key] !== 'string') return void call.fail(400, `${key} must be a string`);
  }
  for (const key of ['startDateTime', 'endDateTime']) {
    if (typeof json[key] === 'string' && !isIso8601(json[key] as string)) return void call.fail(400, `${key} must be an ISO 8601 date and time`);
  }
  const resourceLinkId = ((json.resourceLinkId ?? json.ltiLinkId) as string | undefined) || undefined;
  const link = resourceLinkId === undefined ? undefined : call.host.state.resourceLinks.get(resourceLinkId);
  if (resourceLinkId !== undefined && link?.courseId !== call.course.id) {
    return void call.fail(403, `Invalid LTI id supplied: ${resourceLinkId} is not an activity of course ${call.course.id}`);
  }
  return {
    label: json.label,
    scoreMaximum: json.scoreMaximum,
    resourceId: (json.resourceId as string | undefined) ?? '',
    tag: (json.tag as string | undefined) ?? '',
    resourceLinkId,
    startDateTime: (json.startDateTime as string | undefined) || undefined,
    endDateTime: (json.endDateTime as string | undefined) || undefined,
  };
}

const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'];
const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'];

/**
 * `POST …/lineitem/scores`. Moodle keeps a grade only for a FullyGraded score with scoreGiven,
 * and refuses (409) a score whose timestamp is not after the kept grade's, to the second.
 */
export function handleScores(call: ServiceCall): void {
  const { host } = call;
  const item = call.item!;
  if (call.contentType !== MEDIA.score) return call.fail(400, 'No context or unsupported content type');
  const score = parseObject(call.body);
  if (!score) return call.fail(400, 'Incorrect score received: the body is not a JSON object');
  const problem = scoreProblem(score, host.requiredScoreFields);
  if (problem) return call.fail(400, `Incorrect score received: ${problem}`);
  const userId = score.userId as string;
  const gradable = host.state.isGradable(call.course.id, userId);
  if (gradable === 'not-enrolled') return call.fail(400, `Incorrect score received: user ${userId} is not enrolled in course ${call.course.id}`);
  if (gradable === 'no-student-role') return call.fail(400, `Incorrect score received: user ${userId} has no gradable (student) role in course ${call.course.id}`);
  const seconds = Math.floor(Date.parse(score.timestamp as string) / 1000);
  const grades = host.state.grades.get(item.itemId) ?? new Map<string, Grade>();
  host.state.grades.set(item.itemId, grades);
  const kept = grades.get(userId);
  const stale = kept?.timemodified != null && kept.timemodified >= seconds;
  if (stale && host.staleScores === 'reject') {
    return call.fail(409, `Refusing score with an earlier timestamp for item ${item.itemId} and user ${userId}`);
  }
  if (!stale) {
    const scoreGiven = score.gradingProgress === 'FullyGraded' && typeof score.scoreGiven === 'number' ? score.scoreGiven : null;
    grades.set(userId, {
      userId,
      scoreGiven,
      scoreMaximum: (score.scoreMaximum as number | undefined) ?? 1,
      comment: typeof score.comment === 'string' && score.comment ? score.comment : undefined,
      timestamp: score.timestamp as string,
      timemodified: scoreGiven === null ? null : seconds,
    });
  }
  host.state.receivedScores.push({ lineItemId: item.itemId, lineItemUrl: lineItemUrl(host, item), userId, body: score, receivedAt: new Date() });
  sendFormat(call.res, 200, MEDIA.score, undefined);
}

function scoreProblem(score: Record<string, unknown>, required: readonly string[]): string | undefined {
  const fields = new Set(['userId', 'timestamp', 'activityProgress', 'gradingProgress', ...required]);
  for (const field of fields) if (score[field] === undefined || score[field] === null) return `${field} is missing`;
  if (typeof score.userId !== 'string' || !score.userId) return 'userId must be a non-empty string';
  if (typeof score.timestamp !== 'string' || !isIso8601(score.timestamp)) return 'timestamp must be an ISO 8601 date and time with a time zone';
  if (!ACTIVITY_PROGRESS.includes(score.activityProgress as string)) return `activityProgress must be one of ${ACTIVITY_PROGRESS.join(', ')}`;
  if (!GRADING_PROGRESS.includes(score.gradingProgress as string)) return `gradingProgress must be one of ${GRADING_PROGRESS.join(', ')}`;
  if (score.scoreGiven != null && (typeof score.scoreGiven !== 'number' || !(score.scoreGiven >= 0))) return 'scoreGiven must be a number, 0 or more';
  if (score.scoreGiven != null && score.scoreMaximum == null) return 'scoreMaximum is required with scoreGiven';
  if (score.scoreMaximum != null && (typeof score.scoreMaximum !== 'number' || !(score.scoreMaximum > 0))) return 'scoreMaximum must be a number above 0';
  if (score.comment != null && typeof score.comment !== 'string') return 'comment must be a string';
  return undefined;
}

/** `GET …/lineitem/results` (user_id filter, limit/from paging): the grades Moodle kept, rescaled to the line item. */
export function handleResults(call: ServiceCall): void {
  const { host, url } = call;
  const item = call.item!;
  if (call.accept && call.accept !== MEDIA.resultContainer) return call.fail(400, 'Invalid request made.');
  const userId = url.searchParams.get('user_id');
  const grades = [...(host.state.grades.get(item.itemId)?.values() ?? [])].filter((g) => g.timemodified !== null && (userId === null || g.userId === userId));
  const { page, limit, nextFrom } = pageOf(grades, url);
  const itemUrl = lineItemUrl(host, item);
  const endpoint = itemUrl.slice(0, itemUrl.indexOf('?'));
  const results = page.map((g) => ({
    id: `${endpoint}/results?type_id=1&user_id=${encodeURIComponent(g.userId)}`,
    scoreOf: itemUrl,
    userId: g.userId,
    resultScore: (g.scoreGiven! * item.scoreMaximum) / g.scoreMaximum,
    resultMaximum: item.scoreMaximum,
    ...(g.comment ? { comment: g.comment } : {}),
    timestamp: g.timestamp,
  }));
  const headers: Record<string, string> = nextFrom === undefined ? {} : { Link: `<${nextPageUrl(url, limit, nextFrom)}>; rel="next"` };
  sendFormat(call.res, 200, MEDIA.resultContainer, results, headers);
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(body);
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A date and time with a time zone, as AGS timestamps are (Moodle's validate_iso8601_date accepts more). */
export function isIso8601(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) && Number.isFinite(Date.parse(value));
}
