import type { JWTVerifyGetKey } from 'jose';

/**
 * What the test platform remembers for its LTI Advantage services, in Moodle's terms: courses
 * with their enrolled members, activities (resource links), grade items (AGS line items) and
 * grades (AGS results), access tokens, deep-linking requests waiting for their answer.
 */

const AGS = 'https://purl.imsglobal.org/spec/lti-ags/scope/';
export const SCOPE = {
  lineItem: `${AGS}lineitem`,
  lineItemReadonly: `${AGS}lineitem.readonly`,
  resultReadonly: `${AGS}result.readonly`,
  score: `${AGS}score`,
  contextMembership: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

export const MEDIA = {
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  scoreContainer: 'application/vnd.ims.lis.v1.scorecontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
  membershipContainer: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const;

/** Moodle's tool type id: `?type_id=` of the AGS URLs and `bindings/{tool_code}` of the NRPS URL. */
export const TYPE_ID = '1';
export const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';

export type ServiceKind = 'token' | 'lineitems' | 'scores' | 'results' | 'memberships';
export type FaultResponse = number | 'drop';

/** What a launch may say about the LTI Advantage claims (TestPlatform's LaunchSpec extends it). */
export interface ServiceLaunchSpec {
  /** The AGS endpoint claim: `null` leaves it out; a null field leaves that field out. */
  ags?: { lineitems?: string | null; lineitem?: string | null; scope?: string[] } | null;
  /** The NRPS claim, there unless false. */
  nrps?: boolean;
  /** Deep-linking settings merged over the defaults; `data: ''` sends no data. */
  deepLinking?: Partial<DeepLinkingOptions>;
}

export interface DeepLinkingOptions {
  /** Moodle's contentitem_return.php by default; a plugin's own return page (local_amphi) otherwise. */
  deep_link_return_url: string;
  accept_types: string[];
  accept_presentation_document_targets: string[];
  accept_multiple: boolean;
  accept_lineitem: boolean;
  auto_create: boolean;
  data: string;
  title: string;
  text: string;
}

export interface Member {
  user_id: string;
  roles: string[];
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
  status?: 'Active' | 'Inactive' | 'Deleted';
}

export interface Course {
  id: string;
  title: string;
  label: string;
  members: Map<string, Member>;
}

/** A Moodle grade item exposed as an AGS line item. */
export interface LineItem {
  itemId: string;
  courseId: string;
  label: string;
  scoreMaximum: number;
  resourceId: string;
  tag: string;
  resourceLinkId?: string;
  startDateTime?: string;
  endDateTime?: string;
}

/** A Moodle grade (grade_grades row) for one user and line item. */
export interface Grade {
  userId: string;
  /** Null unless the score was FullyGraded with a scoreGiven (Moodle drops the rest). */
  scoreGiven: number | null;
  scoreMaximum: number;
  comment?: string;
  timestamp: string;
  /** Seconds, as Moodle keeps grade_grades.timemodified; set only when a scoreGiven was kept. */
  timemodified: number | null;
}

/** An LTI activity of a course: the resource link a launch carries. */
export interface Activity {
  resourceLinkId: string;
  courseId: string;
  title: string;
  text?: string;
  url?: string;
  custom: Record<string, string>;
  iframe?: Record<string, unknown>;
  window?: Record<string, unknown>;
  thumbnail?: Record<string, unknown>;
  icon?: Record<string, unknown>;
  lineItemUrl?: string;
}

export interface ReceivedScore {
  lineItemId: string;
  lineItemUrl: string;
  userId: string;
  body: Record<string, unknown>;
  receivedAt: Date;
}

export interface DeepLinkingRequest {
  courseId: string;
  deploymentId: string;
  /** The very object put in the id_token, so a LaunchSpec `tamper` changing it is seen here too. */
  settings: Record<string, unknown>;
}

export class ServiceState {
  courses = new Map<string, Course>();
  /** Every resource link the platform knows (launched or created by deep linking), by id. */
  resourceLinks = new Map<string, { courseId: string; title: string }>();
  /** Activities created by deep-linking answers, in creation order. */
  createdActivities: Activity[] = [];
  lineItems = new Map<string, LineItem>();
  /** item id → user id → grade */
  grades = new Map<string, Map<string, Grade>>();
  tokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  usedJtis = new Set<string>();
  usedDeepLinkingNonces = new Set<string>();
  /** Deep-linking requests by the sesskey of their return URL. */
  deepLinkingRequests = new Map<string, DeepLinkingRequest>();
  receivedScores: ReceivedScore[] = [];
  deepLinkResponses: { payload: Record<string, unknown>; activities: Activity[] }[] = [];
  /** Why deep-linking answers were refused, in order (the 400 page says the same). */
  deepLinkRejections: string[] = [];
  faults = new Map<ServiceKind, FaultResponse[]>();
  requestCounts: Record<ServiceKind, number> = { token: 0, lineitems: 0, scores: 0, results: 0, memberships: 0 };
  membershipPagesServed = 0;
  private nextItemId = 101;
  private nextLinkId = 1001;

  /** The course, created on first sight (a launch, setMembers, deep linking). */
  course(id: string, context: { title?: string; label?: string } = {}): Course {
    let course = this.courses.get(id);
    if (!course) {
      course = { id, title: context.title ?? `Course ${id}`, label: context.label ?? id, members: new Map() };
      this.courses.set(id, course);
    } else {
      if (context.title) course.title = context.title;
      if (context.label) course.label = context.label;
    }
    return course;
  }

  newItemId(): string {
    return String(this.nextItemId++);
  }

  newResourceLinkId(): string {
    return String(this.nextLinkId++);
  }

  /** Moodle grades only enrolled users holding a gradebook role (Student by default: LIS Learner). */
  isGradable(courseId: string, userId: string): 'yes' | 'not-enrolled' | 'no-student-role' {
    const member = this.courses.get(courseId)?.members.get(userId);
    if (!member || member.status === 'Deleted') return 'not-enrolled';
    return member.roles.some((r) => r === LEARNER || r === 'Learner') ? 'yes' : 'no-student-role';
  }

  /** The line items bound to a resource link; Moodle puts `lineitem` in the launch only when there is exactly one. */
  lineItemsOfLink(courseId: string, resourceLinkId: string): LineItem[] {
    return [...this.lineItems.values()].filter((i) => i.courseId === courseId && i.resourceLinkId === resourceLinkId);
  }
}

/** What the endpoint modules need from the platform. */
export interface ServiceHost {
  readonly state: ServiceState;
  readonly url: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly authTokenUrl: string;
  readonly nrpsPageSize: number;
  readonly permittedScopes: readonly string[];
  readonly requiredScoreFields: readonly string[];
  readonly staleScores: 'reject' | 'ignore';
  readonly accessTokenLifetimeSeconds: number;
  /** The tool's current public keys, fetched from `toolJwksUrl`. */
  toolKeySet(): Promise<JWTVerifyGetKey>;
}

export function servicesUrl(host: { url: string }): string {
  return `${host.url}/mod/lti/services.php`;
}

export function lineItemsUrl(host: { url: string }, courseId: string): string {
  return `${servicesUrl(host)}/${encodeURIComponent(courseId)}/lineitems?type_id=${TYPE_ID}`;
}

export function lineItemUrl(host: { url: string }, item: Pick<LineItem, 'courseId' | 'itemId'>): string {
  return `${servicesUrl(host)}/${encodeURIComponent(item.courseId)}/lineitems/${item.itemId}/lineitem?type_id=${TYPE_ID}`;
}

export function membershipsUrl(host: { url: string }, courseId: string): string {
  return `${servicesUrl(host)}/CourseSection/${encodeURIComponent(courseId)}/bindings/${TYPE_ID}/memberships`;
}
