import { OutboundError, type OutboundTrust } from '../http/outbound.js';
import { platformRequest, type PlatformServiceDeps, type ServicePlatform } from '../lti/services/platform-request.js';
import { outboundTrustOf } from '../lti/services/platform-trust.js';
import { PlatformServiceError } from '../lti/services/service-error.js';
import { findLink, parseLinkHeader } from '../lti/services/link-header.js';
import { MembershipPageError, parseMembershipPage, type Membership, type SkippedMember } from './names-roles.schemas.js';
import { FetchSlotsBusyError, rosterFetchSlots } from './roster-fetch-slots.js';

/** LTI NRPS 2.0 §3.1, https://www.imsglobal.org/spec/lti-nrps/v2p0#lti-advantage-integration */
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
/** §2.2 */
export const MEMBERSHIP_CONTAINER_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
export const NRPS_SERVICE = 'lti-nrps';

/** 1000 pages of Moodle's default 100 members: far beyond any course; past it the platform is looping. */
const MAX_PAGES = 1000;
/**
 * What one roster may cost, all pages together: Moodle sends the whole course in one page when no
 * limit is asked (~400 bytes a member). A platform the operator added may list a whole university;
 * one that registered itself through the web chooses its roster URLs, so it gets less memory.
 */
export const ROSTER_BUDGETS: Record<OutboundTrust, { bytes: number; members: number }> = {
  operator: { bytes: 64 * 1024 * 1024, members: 200_000 },
  web: { bytes: 16 * 1024 * 1024, members: 50_000 },
};
const PAGE_TIMEOUT_MS = 60_000;

export interface ContextMembership {
  /** One entry per user_id (a platform paging by offset while enrolments change may repeat someone). */
  members: Membership[];
  skipped: SkippedMember[];
  pages: number;
}

export interface MembershipFetchOptions {
  maxPages?: number;
  /** Bytes and members of the whole roster; default ROSTER_BUDGETS by the platform's trust. */
  maxBytes?: number;
  maxMembers?: number;
}

/**
 * The whole membership of a context: GET the context_memberships_url the launch announced, then
 * follow `Link: <…>; rel="next"` until there is none (§2.4.1). Always the full roster: the
 * "differences" link (§2.4.2) would need a previous fetch the platform still remembers, and a full
 * page set is a handful of requests for a course. Any failure (HTTP, network, a page that is not a
 * membership container, a paging loop, a roster over its budget) fails the whole fetch, so a half
 * roster is never stored. Runs in one of the process's roster fetch slots (roster-fetch-slots.ts).
 */
export function fetchContextMembership(
  deps: PlatformServiceDeps,
  platform: ServicePlatform,
  contextMembershipsUrl: string,
  options: MembershipFetchOptions = {},
): Promise<ContextMembership> {
  return rosterFetchSlots.run(platform.id, () => fetchPages(deps, platform, contextMembershipsUrl, options)).catch((err: unknown) => {
    if (err instanceof FetchSlotsBusyError) throw new PlatformServiceError(NRPS_SERVICE, err.message, undefined, true, undefined, { cause: err });
    throw err;
  });
}

async function fetchPages(deps: PlatformServiceDeps, platform: ServicePlatform, contextMembershipsUrl: string, options: MembershipFetchOptions): Promise<ContextMembership> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const budget = ROSTER_BUDGETS[outboundTrustOf(platform)];
  const maxBytes = options.maxBytes ?? budget.bytes;
  const maxMembers = options.maxMembers ?? budget.members;
  let bytesRead = 0;
  let membersRead = 0;
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
      maxBytes: maxBytes - bytesRead,
      timeoutMs: PAGE_TIMEOUT_MS,
    });
    const { page, bytes } = await readPage(response, seen.size, maxBytes);
    bytesRead += bytes;
    membersRead += page.members.length + page.skipped.length;
    if (membersRead > maxMembers) throw budgetError(`the roster has more than ${maxMembers} members`);
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

async function readPage(response: Response, pageNumber: number, maxBytes: number): Promise<{ page: ReturnType<typeof parseMembershipPage>; bytes: number }> {
  let raw: ArrayBuffer;
  try {
    raw = await response.arrayBuffer();
  } catch (err) {
    // The page was read with what is left of the budget as its cap.
    if (err instanceof OutboundError && err.reason === 'too-large') throw budgetError(`the roster is larger than ${byteSize(maxBytes)}`, err);
    if (err instanceof OutboundError) throw new PlatformServiceError(NRPS_SERVICE, `page ${pageNumber}: ${err.message}`, response.status, true, undefined, { cause: err });
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch (err) {
    throw new PlatformServiceError(NRPS_SERVICE, `page ${pageNumber} is not JSON`, response.status, true, undefined, { cause: err });
  }
  try {
    return { page: parseMembershipPage(body), bytes: raw.byteLength };
  } catch (err) {
    if (err instanceof MembershipPageError) throw new PlatformServiceError(NRPS_SERVICE, `page ${pageNumber} is ${err.message}`, response.status, false);
    throw err;
  }
}

/** Over the budget: the same roster will be as large next time. */
function budgetError(reason: string, cause?: unknown): PlatformServiceError {
  return new PlatformServiceError(NRPS_SERVICE, `${reason}, more than Amphi reads for one course from this platform`, undefined, false, undefined, { cause });
}

const byteSize = (n: number): string => (n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`);

function pagingError(reason: string): PlatformServiceError {
  return new PlatformServiceError(NRPS_SERVICE, `paging stopped: ${reason}`, undefined, false);
}
