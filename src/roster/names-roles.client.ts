import { OutboundError } from '../http/outbound.js';
import { platformRequest, type PlatformServiceDeps, type ServicePlatform } from '../lti/services/platform-request.js';
import { PlatformServiceError } from '../lti/services/service-error.js';
import { findLink, parseLinkHeader } from '../lti/services/link-header.js';
import { MembershipPageError, parseMembershipPage, type Membership, type SkippedMember } from './names-roles.schemas.js';

/** LTI NRPS 2.0 §3.1, https://www.imsglobal.org/spec/lti-nrps/v2p0#lti-advantage-integration */
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
/** §2.2 */
export const MEMBERSHIP_CONTAINER_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
export const NRPS_SERVICE = 'lti-nrps';

/** 1000 pages of Moodle's default 100 members: far beyond any course; past it the platform is looping. */
const MAX_PAGES = 1000;
/** Moodle sends the whole course in one page when no limit is asked: room for tens of thousands of members. */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;
const PAGE_TIMEOUT_MS = 60_000;

export interface ContextMembership {
  /** One entry per user_id (a platform paging by offset while enrolments change may repeat someone). */
  members: Membership[];
  skipped: SkippedMember[];
  pages: number;
}

/**
 * The whole membership of a context: GET the context_memberships_url the launch announced, then
 * follow `Link: <…>; rel="next"` until there is none (§2.4.1). Always the full roster: the
 * "differences" link (§2.4.2) would need a previous fetch the platform still remembers, and a full
 * page set is a handful of requests for a course. Any failure (HTTP, network, a page that is not a
 * membership container, a paging loop) fails the whole fetch, so a half roster is never stored.
 */
export async function fetchContextMembership(
  deps: PlatformServiceDeps,
  platform: ServicePlatform,
  contextMembershipsUrl: string,
  options: { maxPages?: number } = {},
): Promise<ContextMembership> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const origin = new URL(contextMembershipsUrl).origin;
  const byUserId = new Map<string, Membership>();
  const skipped: SkippedMember[] = [];
  const seen = new Set<string>();
  let url: string | undefined = contextMembershipsUrl;
  while (url !== undefined) {
    if (seen.has(url)) throw pagingError(`the next link of page ${seen.size} points back to a page already read (${url})`);
    if (seen.size >= maxPages) throw pagingError(`more than ${maxPages} pages`);
    seen.add(url);
    const response = await platformRequest(deps, platform, {
      service: NRPS_SERVICE,
      url,
      scopes: [NRPS_SCOPE],
      accept: MEMBERSHIP_CONTAINER_MEDIA_TYPE,
      maxBytes: MAX_PAGE_BYTES,
      timeoutMs: PAGE_TIMEOUT_MS,
    });
    const page = await readPage(response, seen.size);
    const offset = byUserId.size + skipped.length;
    for (const member of page.members) byUserId.set(member.user_id, member);
    skipped.push(...page.skipped.map((s) => ({ ...s, index: s.index + offset })));
    const next = findLink(parseLinkHeader(response.headers.get('link'), url), 'next');
    // The access token must go nowhere but the platform that issued it.
    if (next !== undefined && new URL(next).origin !== origin) throw pagingError(`the next link of page ${seen.size} leaves the platform (${next})`);
    url = next;
  }
  const members = [...byUserId.values()];
  if (members.length === 0 && skipped.length > 0) {
    throw new PlatformServiceError(NRPS_SERVICE, `no member could be read: ${skipped[0]!.reason}`, undefined, false);
  }
  return { members, skipped, pages: seen.size };
}

async function readPage(response: Response, pageNumber: number): Promise<ReturnType<typeof parseMembershipPage>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    if (err instanceof OutboundError) throw new PlatformServiceError(NRPS_SERVICE, `page ${pageNumber}: ${err.message}`, response.status, err.reason !== 'too-large', undefined, { cause: err });
    throw new PlatformServiceError(NRPS_SERVICE, `page ${pageNumber} is not JSON`, response.status, true, undefined, { cause: err });
  }
  try {
    return parseMembershipPage(body);
  } catch (err) {
    if (err instanceof MembershipPageError) throw new PlatformServiceError(NRPS_SERVICE, `page ${pageNumber} is ${err.message}`, response.status, false);
    throw err;
  }
}

function pagingError(reason: string): PlatformServiceError {
  return new PlatformServiceError(NRPS_SERVICE, `paging stopped: ${reason}`, undefined, false);
}
