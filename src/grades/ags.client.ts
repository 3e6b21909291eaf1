import { z } from 'zod';
import { OutboundError } from '../http/outbound.js';
import { platformRequest, type PlatformServiceDeps, type ServicePlatform } from '../lti/services/platform-request.js';
import { PlatformServiceError } from '../lti/services/service-error.js';
import { findLink, parseLinkHeader } from '../lti/services/link-header.js';

/**
 * LTI Assignment and Grade Services 2.0 (https://www.imsglobal.org/spec/lti-ags/v2p0), the calls
 * Amphi makes, in the spec's words. One client per platform and course: it asks only for the
 * scopes the course's AGS claim granted (§3.1), so a call the platform never allowed fails here,
 * with its reason, instead of at the platform's token endpoint.
 */
export const AGS_SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;

/** §3.2 (line item), §3.3 (result), §3.4 (score). */
export const AGS_MEDIA_TYPE = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
} as const;

export const AGS_SERVICE = 'lti-ags';
const MAX_PAGES = 100;

/** §3.4.6 and §3.4.7 */
export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

/** §3.4: what the tool publishes for one user. */
export interface Score {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment: string | null;
  /** ISO 8601 with sub-second precision: the platform keeps the latest by this time (§3.4.5). */
  timestamp: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
}

const LineItemSchema = z.looseObject({
  id: z.url({ protocol: /^https?$/ }),
  scoreMaximum: z.number().optional(),
  label: z.string().optional(),
  resourceId: z.string().optional(),
  resourceLinkId: z.string().optional(),
  tag: z.string().optional(),
});
/** §3.2: a column of the platform's gradebook; `id` is its URL. */
export type LineItem = z.infer<typeof LineItemSchema>;

const ResultSchema = z.looseObject({
  id: z.string().optional(),
  userId: z.string(),
  resultScore: z.number().nullish(),
  resultMaximum: z.number().nullish(),
  comment: z.string().nullish(),
});
/** §3.3: the platform's current grade of one user on a line item. */
export type Result = z.infer<typeof ResultSchema>;

export interface NewLineItem {
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  /** The platform's resource link id (the `id` of the launch's resource_link claim). */
  resourceLinkId?: string;
  tag?: string;
}

export class AgsClient {
  constructor(
    private readonly deps: PlatformServiceDeps,
    private readonly platform: ServicePlatform,
    /** The `scope` of the course's AGS claim. */
    private readonly grantedScopes: readonly string[],
  ) {}

  /** Score publish service, §3.4: POST to `{lineItem}/scores`. */
  async postScore(lineItemUrl: string, score: Score): Promise<void> {
    const response = await this.request({ url: serviceUrl(lineItemUrl, 'scores'), method: 'POST', scopes: this.need(AGS_SCOPE.score), contentType: AGS_MEDIA_TYPE.score, body: JSON.stringify(score) });
    await response.body?.cancel();
  }

  /** Line item service, §3.2: POST a new line item to the course's line items container. */
  async createLineItem(lineItemsUrl: string, item: NewLineItem): Promise<LineItem> {
    const response = await this.request({
      url: lineItemsUrl,
      method: 'POST',
      scopes: this.need(AGS_SCOPE.lineItem),
      accept: AGS_MEDIA_TYPE.lineItem,
      contentType: AGS_MEDIA_TYPE.lineItem,
      body: JSON.stringify(item),
    });
    return parse(LineItemSchema, await readJson(response), 'the created line item');
  }

  /** Line item service, §3.2: GET one line item (its label and scoreMaximum) by its URL. */
  async getLineItem(lineItemUrl: string): Promise<LineItem> {
    const response = await this.request({ url: lineItemUrl, scopes: this.need(AGS_SCOPE.lineItemReadonly, AGS_SCOPE.lineItem), accept: AGS_MEDIA_TYPE.lineItem });
    return parse(LineItemSchema, await readJson(response), 'the line item');
  }

  /** §3.2.4 container request filters: the course's line items, optionally for one resource link or resource. */
  async findLineItems(lineItemsUrl: string, filter: { resourceLinkId?: string; resourceId?: string; tag?: string } = {}): Promise<LineItem[]> {
    const url = new URL(lineItemsUrl);
    if (filter.resourceLinkId) url.searchParams.set('resource_link_id', filter.resourceLinkId);
    if (filter.resourceId) url.searchParams.set('resource_id', filter.resourceId);
    if (filter.tag) url.searchParams.set('tag', filter.tag);
    const scopes = this.need(AGS_SCOPE.lineItemReadonly, AGS_SCOPE.lineItem);
    const pages = await this.getPages(url.toString(), scopes, AGS_MEDIA_TYPE.lineItemContainer);
    return pages.flatMap((page) => parse(z.array(LineItemSchema), page, 'the line items container'));
  }

  /** Result service, §3.3: GET `{lineItem}/results`, all pages (Link rel="next"). */
  async getResults(lineItemUrl: string, filter: { userId?: string } = {}): Promise<Result[]> {
    const url = new URL(serviceUrl(lineItemUrl, 'results'));
    if (filter.userId) url.searchParams.set('user_id', filter.userId);
    const pages = await this.getPages(url.toString(), this.need(AGS_SCOPE.resultReadonly), AGS_MEDIA_TYPE.resultContainer);
    return pages.flatMap((page) => parse(z.array(ResultSchema), page, 'the results container'));
  }

  /** The first of `alternatives` the claim granted; a call without any is refused here (never retried). */
  private need(...alternatives: string[]): string[] {
    const granted = alternatives.find((s) => this.grantedScopes.includes(s));
    if (!granted) throw new PlatformServiceError(AGS_SERVICE, `the platform did not grant the scope ${alternatives.join(' or ')} for this course`, undefined, false);
    return [granted];
  }

  private request(r: { url: string; method?: 'GET' | 'POST'; scopes: string[]; accept?: string; contentType?: string; body?: string }) {
    return platformRequest(this.deps, this.platform, { service: AGS_SERVICE, ...r });
  }

  private async getPages(firstUrl: string, scopes: string[], accept: string): Promise<unknown[]> {
    const origin = new URL(firstUrl).origin;
    const pages: unknown[] = [];
    const seen = new Set<string>();
    for (let url: string | undefined = firstUrl; url !== undefined; ) {
      if (seen.has(url) || seen.size >= MAX_PAGES) throw new PlatformServiceError(AGS_SERVICE, `paging loops or never ends at ${url}`, undefined, false);
      seen.add(url);
      const response = await this.request({ url, scopes, accept });
      pages.push(await readJson(response));
      const next = findLink(parseLinkHeader(response.headers.get('link'), url), 'next');
      // The access token goes nowhere but the platform that issued it.
      if (next !== undefined && new URL(next).origin !== origin) throw new PlatformServiceError(AGS_SERVICE, `the next page leaves the platform (${next})`, undefined, false);
      url = next;
    }
    return pages;
  }
}

/**
 * `{lineItem}/scores`, `{lineItem}/results`: the segment goes into the path, before the query
 * (Moodle's line item URLs carry `?type_id=…`; appending to the string would land in the query).
 */
export function serviceUrl(lineItemUrl: string, segment: 'scores' | 'results'): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${segment}`;
  return url.toString();
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (err) {
    if (err instanceof OutboundError) throw new PlatformServiceError(AGS_SERVICE, `HTTP ${response.status}, then ${err.message}`, response.status, err.reason !== 'too-large', undefined, { cause: err });
    throw new PlatformServiceError(AGS_SERVICE, `HTTP ${response.status} with a body that is not JSON`, response.status, true, undefined, { cause: err });
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new PlatformServiceError(AGS_SERVICE, `${what} is not valid: ${issue.path.join('.') || 'body'}: ${issue.message}`, undefined, false);
}
