import { SignJWT, createLocalJWKSet, jwtVerify } from 'jose';
import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import { publicJwks } from '../lti/keys/tool-key.service.js';
import type { LiveDemo } from './demo-platform.service.js';

/**
 * The demo platform's LTI Advantage services, so Amphi's roster and grade sync work against it as
 * against Moodle: the OAuth2 token endpoint (client credentials with Amphi's signed assertion,
 * Security Framework §4.1), Names and Role Provisioning (the demo course's people, NRPS §2.2) and
 * Assignment and Grade Services (line items and scores accepted, not kept: there is no demo
 * gradebook; Amphi's own Grades tab shows them as sent). Moodle's URLs (mod/lti/services.php).
 */
export const NRPS_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const TOKEN_LIFETIME_SECONDS = 3600;

export interface TokenRequest {
  grant_type: string;
  client_assertion_type: string;
  client_assertion: string;
  scope: string;
}

/** The access token: a JWT the demo platform signs and checks itself (nothing to store). */
export async function issueAccessToken(ctx: AppContext, demo: LiveDemo, request: TokenRequest) {
  if (request.grant_type !== 'client_credentials' || request.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
    throw new OAuthError('unsupported_grant_type');
  }
  // Amphi's own keys, read locally: the demo platform lives in the same process and database.
  const toolKeys = createLocalJWKSet(await publicJwks(ctx.db));
  try {
    await jwtVerify(request.client_assertion, toolKeys, {
      issuer: demo.platform.client_id,
      subject: demo.platform.client_id,
      audience: demo.platform.auth_token_url,
      maxTokenAge: '10m',
    });
  } catch {
    throw new OAuthError('invalid_client');
  }
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await new SignJWT({ scope: request.scope })
    .setProtectedHeader({ alg: 'RS256', kid: demo.kid })
    .setIssuer(demo.platform.issuer)
    .setAudience(servicesAudience(demo))
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
    .sign(demo.signingKey);
  return { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: request.scope };
}

/** The bearer token of a service request, with the scope this service needs. */
export async function assertServiceToken(demo: LiveDemo, authorization: string | undefined, scope: string): Promise<void> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new AppError('forbidden', 401);
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [demo.publicJwk] }), { issuer: demo.platform.issuer, audience: servicesAudience(demo) });
    if (!String(payload.scope ?? '').split(' ').includes(scope)) throw new Error('scope');
  } catch {
    throw new AppError('forbidden', 401);
  }
}

/** NRPS membership container of the demo course (one page: a few hundred members). */
export function membershipContainer(demo: LiveDemo, url: string, contextId: string) {
  const { course } = demo;
  if (contextId !== course.context.id) throw new AppError('not-found', 404);
  const member = (p: LiveDemo['course']['learners'][number], role: string) => ({
    user_id: p.sub,
    roles: [`${LIS}${role}`],
    status: 'Active',
    name: p.name,
    given_name: p.givenName,
    family_name: p.familyName,
    email: p.email,
  });
  return {
    id: url,
    context: { id: course.context.id, label: course.context.label, title: course.context.title },
    members: [...course.teachers.map((p) => member(p, 'Instructor')), ...course.learners.map((p) => member(p, 'Learner'))],
  };
}

function servicesAudience(demo: LiveDemo): string {
  return `${demo.platform.issuer}/mod/lti/services.php`;
}

/** RFC 6749 §5.2 error of the token endpoint. */
export class OAuthError extends Error {
  constructor(readonly error: 'unsupported_grant_type' | 'invalid_client') {
    super(error);
  }
}
