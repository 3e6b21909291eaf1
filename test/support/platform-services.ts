import type http from 'node:http';
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { lineItemJson } from './platform-ags.js';
import { deepLinkingSettingsFor, handleDeepLinkingResponse } from './platform-deep-linking.js';
import { dropConnection, sendJson } from './platform-http.js';
import { SERVICES_PATH, handleServiceRequest, serviceKindOf } from './platform-service-router.js';
import {
  SCOPE,
  ServiceState,
  lineItemUrl,
  lineItemsUrl,
  membershipsUrl,
  type Activity,
  type Course,
  type FaultResponse,
  type Grade,
  type Member,
  type ServiceHost,
  type ServiceKind,
  type ServiceLaunchSpec,
} from './platform-state.js';
import { handleTokenRequest } from './platform-token.js';
import type { LaunchSpec } from './test-platform.js';

export { SCOPE, type Activity, type Member, type ReceivedScore, type ServiceKind } from './platform-state.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS_CLAIM = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';
const DL_SETTINGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';

/** What the issue says Moodle requires of a score (and the default here). */
export const ISSUE_REQUIRED_SCORE_FIELDS = ['userId', 'timestamp', 'scoreGiven', 'scoreMaximum', 'activityProgress', 'gradingProgress', 'comment'] as const;
/** What Moodle 4.x's scores.php really requires (scoreMaximum too when scoreGiven is there). */
export const MOODLE_REQUIRED_SCORE_FIELDS = ['userId', 'timestamp', 'activityProgress', 'gradingProgress'] as const;

/**
 * The LTI Advantage side of the test platform, as Moodle 4.x with "IMS LTI Assignment and Grade
 * Services: use this service for grade sync and column management" and "IMS LTI Names and Role
 * Provisioning: use this service" enabled: token endpoint, AGS line items, scores and results,
 * NRPS memberships and the deep-linking return, plus fault injection for retry tests.
 * TestPlatform extends it; state lives in `state` and survives between tests unless `resetServices()`.
 */
export abstract class PlatformServices implements ServiceHost {
  abstract url: string;
  abstract readonly clientId: string;
  abstract readonly deploymentId: string;
  abstract get issuer(): string;
  abstract get authTokenUrl(): string;

  /** The tool's JWKS (test-app's `register` sets it): every JWT from the tool is checked against it. */
  toolJwksUrl: string | undefined;
  /** While true, the token endpoint and services.php drop every connection without answering. */
  down = false;
  /** Members per NRPS page when the tool sends no `limit`. */
  nrpsPageSize = 100;
  /** Scopes the tool may be granted (Moodle: those of the services enabled for the tool). */
  permittedScopes: string[] = Object.values(SCOPE);
  requiredScoreFields: readonly string[] = ISSUE_REQUIRED_SCORE_FIELDS;
  /** A score not newer than the kept grade: Moodle answers 409 ('reject'); AGS also allows ignoring it with 200. */
  staleScores: 'reject' | 'ignore' = 'reject';
  accessTokenLifetimeSeconds = 3600;
  state = new ServiceState();

  get tokenRequests(): number {
    return this.state.requestCounts.token;
  }
  get requestCounts(): Record<ServiceKind, number> {
    return this.state.requestCounts;
  }
  get receivedScores() {
    return this.state.receivedScores;
  }
  get deepLinkResponses() {
    return this.state.deepLinkResponses;
  }
  get deepLinkRejections(): string[] {
    return this.state.deepLinkRejections;
  }
  get membershipPagesServed(): number {
    return this.state.membershipPagesServed;
  }

  /** The next requests of that kind answer these statuses (429/503 with Retry-After: 1) or, for 'drop', no answer at all. */
  failNext(kind: ServiceKind, responses: FaultResponse[]): void {
    this.state.faults.set(kind, [...(this.state.faults.get(kind) ?? []), ...responses]);
  }

  /** The course's enrolment, replacing what launches recorded. */
  setMembers(courseId: string, members: Member[], context: { title?: string; label?: string } = {}): void {
    this.state.course(courseId, context).members = new Map(members.map((m) => [m.user_id, { ...m }]));
  }

  /** The activities deep linking created in that course. */
  activities(courseId: string): Activity[] {
    return this.state.createdActivities.filter((a) => a.courseId === courseId);
  }

  /** A launch of that activity (its course, resource link, custom parameters; its line item comes with it). */
  launchSpecForActivity(activity: Activity, base: LaunchSpec = {}): LaunchSpec {
    const course: Course | undefined = this.state.courses.get(activity.courseId);
    return {
      ...base,
      messageType: 'LtiResourceLinkRequest',
      context: base.context ?? { id: activity.courseId, title: course?.title, label: course?.label },
      resourceLink: { id: activity.resourceLinkId, title: activity.title },
      custom: { ...activity.custom, ...base.custom },
    };
  }

  /** The course's line items as the AGS container shows them. */
  lineItems(courseId: string): Record<string, unknown>[] {
    return [...this.state.lineItems.values()].filter((i) => i.courseId === courseId).map((i) => lineItemJson(this, i));
  }

  /** The grade Moodle kept for that user on that line item (scoreGiven null when none was kept). */
  gradeOf(lineItemUrlOrId: string, userId: string): Grade | undefined {
    const itemId = /\/lineitems\/([^/]+)\/lineitem/.exec(lineItemUrlOrId)?.[1] ?? lineItemUrlOrId;
    return this.state.grades.get(itemId)?.get(userId);
  }

  /** Makes every access token issued so far expired (the next service call gets 401). */
  expireAccessTokens(): void {
    for (const token of this.state.tokens.values()) token.expiresAt = 0;
  }

  /** Forgets courses, activities, line items, grades, tokens, counters and pending faults. */
  resetServices(): void {
    this.state = new ServiceState();
  }

  async toolKeySet(): Promise<JWTVerifyGetKey> {
    if (!this.toolJwksUrl) throw new Error('no tool keyset configured (platform.toolJwksUrl)');
    const response = await fetch(this.toolJwksUrl);
    if (!response.ok) throw new Error(`tool keyset unreachable: ${response.status}`);
    return createLocalJWKSet((await response.json()) as JSONWebKeySet);
  }

  /** Routes the LTI Advantage endpoints; false for any other path. */
  protected async handleServices(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/mod/lti/contentitem_return.php') {
      await handleDeepLinkingResponse(this, req, res, url);
      return true;
    }
    const kind = url.pathname === '/mod/lti/token.php' ? 'token' : url.pathname.startsWith(`${SERVICES_PATH}/`) ? serviceKindOf(url.pathname) : undefined;
    if (!kind) return false;
    this.state.requestCounts[kind]++;
    const fault = this.down ? 'drop' : this.state.faults.get(kind)?.shift();
    if (fault === 'drop') dropConnection(req);
    else if (fault !== undefined) sendJson(res, fault, { status: fault, reason: 'injected failure' }, fault === 429 || fault === 503 ? { 'Retry-After': '1' } : {});
    else if (kind === 'token') await handleTokenRequest(this, req, res);
    else await handleServiceRequest(this, req, res, url);
    return true;
  }

  /**
   * Adds the AGS, NRPS and deep-linking claims Moodle sends, reading the course, resource link and
   * user from the claims already built; records the user as a member of the course and the
   * resource link as one of its activities.
   */
  protected addServiceClaims(spec: ServiceLaunchSpec, claims: Record<string, unknown>): void {
    const context = claims[`${LTI}context`] as { id: string; title?: string; label?: string } | undefined;
    const link = claims[`${LTI}resource_link`] as { id: string; title?: string } | undefined;
    if (context) {
      const course = this.state.course(context.id, context);
      this.enrolFromLaunch(course, claims);
      if (link) this.state.resourceLinks.set(link.id, { courseId: course.id, title: link.title ?? this.state.resourceLinks.get(link.id)?.title ?? '' });
      if (spec.ags !== null) claims[AGS_CLAIM] = this.agsClaim(spec.ags ?? {}, course.id, link?.id);
      if (spec.nrps !== false) claims[NRPS_CLAIM] = { context_memberships_url: membershipsUrl(this, course.id), service_versions: ['1.0', '2.0'] };
    }
    if (claims[`${LTI}message_type`] === 'LtiDeepLinkingRequest') {
      claims[DL_SETTINGS_CLAIM] = deepLinkingSettingsFor(this, spec.deepLinking ?? {}, context?.id ?? '1', String(claims[`${LTI}deployment_id`]));
    }
  }

  private agsClaim(ags: NonNullable<ServiceLaunchSpec['ags']>, courseId: string, resourceLinkId: string | undefined) {
    const bound = resourceLinkId ? this.state.lineItemsOfLink(courseId, resourceLinkId) : [];
    const lineitem = ags.lineitem !== undefined ? ags.lineitem : bound.length === 1 ? lineItemUrl(this, bound[0]!) : null;
    const lineitems = ags.lineitems !== undefined ? ags.lineitems : lineItemsUrl(this, courseId);
    return {
      scope: ags.scope ?? [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score],
      ...(lineitems ? { lineitems } : {}),
      ...(lineitem ? { lineitem } : {}),
    };
  }

  private enrolFromLaunch(course: Course, claims: Record<string, unknown>): void {
    if (typeof claims.sub !== 'string') return;
    const previous = course.members.get(claims.sub);
    const member: Member = { ...previous, user_id: claims.sub, roles: (claims[`${LTI}roles`] as string[] | undefined) ?? [] };
    for (const key of ['name', 'given_name', 'family_name', 'email'] as const) if (typeof claims[key] === 'string') member[key] = claims[key] as string;
    course.members.set(claims.sub, member);
  }
}
