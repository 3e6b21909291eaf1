import { pageOf, sendFormat } from './platform-http.js';
import type { ServiceCall } from './platform-service-router.js';
import { MEDIA, membershipsUrl } from './platform-state.js';

const CONTEXT_ROLE_PREFIX = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

/**
 * `GET /CourseSection/{course}/bindings/{tool}/memberships`: Moodle's context memberships
 * (LTI NRPS 2.0, https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type),
 * mod/lti/service/memberships/classes/local/service/memberships.php#users_to_json. A `role` filter
 * may be a short name (Learner) or a full URI. Pages of `limit` (or the platform's page size)
 * members, the next one announced in a `Link: <…>; rel="next"` header. As in Moodle, that next
 * URL is the endpoint with limit and from only: the role filter is lost after the first page.
 */
export function handleMemberships(call: ServiceCall): void {
  const { host, course, url } = call;
  const asked = url.searchParams.get('role');
  const role = asked && !/^https?:\/\//.test(asked) ? `${CONTEXT_ROLE_PREFIX}${asked}` : asked;
  const members = [...course.members.values()].filter((m) => !role || m.roles.includes(role));
  const { page, limit, nextFrom } = pageOf(members, url, host.nrpsPageSize);
  const endpoint = membershipsUrl(host, course.id);
  const headers: Record<string, string> = nextFrom === undefined ? {} : { Link: `<${endpoint}?limit=${limit}&from=${nextFrom}>; rel="next"` };
  host.state.membershipPagesServed++;
  sendFormat(
    call.res,
    200,
    MEDIA.membershipContainer,
    {
      id: endpoint,
      context: { id: course.id, label: course.label, title: course.title },
      members: page.map((m) => ({
        status: m.status ?? 'Active',
        roles: m.roles,
        user_id: m.user_id,
        ...(m.name ? { name: m.name } : {}),
        ...(m.given_name ? { given_name: m.given_name } : {}),
        ...(m.family_name ? { family_name: m.family_name } : {}),
        ...(m.email ? { email: m.email } : {}),
      })),
    },
    headers,
  );
}
