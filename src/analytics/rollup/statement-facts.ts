import { actionOf, type Action } from './verb-actions.js';

/**
 * The parts of a stored statement the rollups read: indexed columns of lrs_statements and a
 * few JSON paths (rollup.repository.ts), never the whole statement.
 */
export interface StatementFields {
  /** lrs_statements.actor_key (agent-key.ts): `account:<homePage>|<name>`, `mbox:mailto:…`… */
  actorKey: string | null;
  actorIsGroup: boolean;
  verbId: string;
  /** The object's id when it is an Activity. */
  activityId: string | null;
  activityType: string | null;
  registration: string | null;
  /** The statement's other activities (object, context activities) that name a course or an LMS module: see readStatements. */
  contextActivityIds: string[];
  timestamp: string | null;
  stored: Date;
}

/** What one statement adds to the rollups: one more in (course, day, learner[, object, action]). */
export interface Fact {
  contextId: string;
  day: string;
  learner: string;
  /** Null: the statement counts as activity of the day only (analytics_learner_days). */
  objectId: string | null;
  action: Action | null;
}

/** What the database says about the ids a batch of statements names (fact-lookups.ts loads it). */
export interface FactLookups {
  /** The platform's LTI issuer, without a trailing slash. */
  issuer: string;
  /** Amphi's PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  /** Amphi resources of the platform by id → their course (lti_contexts.id). */
  resources: ReadonlyMap<string, string>;
  /**
   * Amphi classroom sessions (classroom_meetings.id) → resource and course; also BigBlueButton's
   * own registrations (bbb-sessions.repository.ts), with the names their people were joined by.
   */
  meetings: ReadonlyMap<string, { resourceId: string; contextId: string; names?: ReadonlyMap<string, string | null> | undefined }>;
  /** The platform's courses: by row id, and by the LTI context id (Moodle's course id). */
  contextRowIds: ReadonlySet<string>;
  contextsByLtiId: ReadonlyMap<string, string>;
}

/** The ids a statement may be resolved through: to load in one query per batch. */
export interface FactKeys {
  resourceIds: Set<string>;
  registrations: Set<string>;
  /** Amphi course row ids and Moodle course ids named by objects and context activities. */
  courseRowIds: Set<string>;
  ltiCourseIds: Set<string>;
}

const DAY_MS = 86_400_000;

export function collectKeys(statements: readonly StatementFields[], l: Pick<FactLookups, 'publicUrl' | 'issuer'>): FactKeys {
  const keys: FactKeys = { resourceIds: new Set(), registrations: new Set(), courseRowIds: new Set(), ltiCourseIds: new Set() };
  const moodleCourse = `${l.issuer}/course/view.php?id=`;
  for (const s of statements) {
    const resourceId = amphiId(s.activityId ?? undefined, l.publicUrl, 'resources');
    if (resourceId) keys.resourceIds.add(resourceId);
    if (s.registration) keys.registrations.add(s.registration);
    for (const id of [s.activityId ?? undefined, ...s.contextActivityIds]) {
      const row = amphiId(id, l.publicUrl, 'courses');
      if (row) keys.courseRowIds.add(row);
      else if (id?.startsWith(moodleCourse)) keys.ltiCourseIds.add(id.slice(moodleCourse.length));
    }
  }
  return keys;
}

/**
 * The fact of one statement, or null when it belongs to no course of the platform (an activity
 * Amphi cannot place) or has no identified actor (an anonymous group). See docs/indicators.md.
 */
export function factOf(s: StatementFields, lookups: FactLookups): Fact | null {
  const place = placeOf(s, lookups);
  if (!place) return null;
  const learner = s.actorIsGroup ? null : learnerOf(s.actorKey, lookups, place.viaMeeting, place.names);
  if (!learner) return null;
  const objectId = place.resourceId ?? moduleOf(s, lookups.issuer) ?? s.activityId;
  const action = objectId ? actionOf(s.verbId, s.activityType ?? undefined) : null;
  return { contextId: place.contextId, day: dayOf(s), learner, objectId, action };
}

interface Place {
  contextId: string;
  /** The Amphi resource the statement is about (its object, or the classroom of its session). */
  resourceId: string | null;
  viaMeeting: boolean;
  /** A BigBlueButton registration's display names → subs (its actors are named so). */
  names?: ReadonlyMap<string, string | null> | undefined;
}

/** The course (and Amphi resource) of a statement: its object, its session, then its context activities. */
function placeOf(s: StatementFields, l: FactLookups): Place | null {
  const resourceId = amphiId(s.activityId ?? undefined, l.publicUrl, 'resources');
  const resourceContext = resourceId ? l.resources.get(resourceId) : undefined;
  if (resourceId && resourceContext) return { contextId: resourceContext, resourceId, viaMeeting: false };
  const meeting = s.registration ? l.meetings.get(s.registration) : undefined;
  if (meeting) return { contextId: meeting.contextId, resourceId: meeting.resourceId, viaMeeting: true, names: meeting.names };
  for (const id of [s.activityId ?? undefined, ...s.contextActivityIds]) {
    const contextId = courseOf(id, l);
    if (contextId) return { contextId, resourceId: null, viaMeeting: false };
  }
  return null;
}

function courseOf(id: string | undefined, l: FactLookups): string | undefined {
  const amphiCourse = amphiId(id, l.publicUrl, 'courses');
  if (amphiCourse) return l.contextRowIds.has(amphiCourse) ? amphiCourse : undefined;
  // Moodle's logstore_xapi names a course by its page: {wwwroot}/course/view.php?id=<course id>.
  const prefix = `${l.issuer}/course/view.php?id=`;
  if (id?.startsWith(prefix)) return l.contextsByLtiId.get(id.slice(prefix.length));
  return undefined;
}

const MODULE_PAGE = /\/mod\/[a-z0-9_]+\/view\.php\?id=\d+$/;

/**
 * The LMS module a statement is about, when its object is a part of it: logstore_xapi writes a
 * quiz attempt or a question with the quiz's page (`{issuer}/mod/quiz/view.php?id=<cmid>`) among
 * its context activities. Counted on the module, every attempt of a quiz is one resource of the
 * course, not a new one each time.
 */
function moduleOf(s: StatementFields, issuer: string): string | undefined {
  if (!s.activityId || MODULE_PAGE.test(s.activityId)) return undefined;
  return s.contextActivityIds.find((id) => id.startsWith(`${issuer}/mod/`) && MODULE_PAGE.test(id) && id !== s.activityId);
}

/** The id after `{publicUrl}/xapi/activities/{kind}/`, when the IRI is one of Amphi's. */
export function amphiId(iri: string | undefined, publicUrl: string, kind: 'resources' | 'courses'): string | undefined {
  const prefix = `${publicUrl}/xapi/activities/${kind}/`;
  if (!iri?.startsWith(prefix)) return undefined;
  const id = iri.slice(prefix.length);
  return id && !id.includes('/') ? id : undefined;
}

/**
 * Who did it, as one key per person: `sub:<LTI sub>` for an account on the platform (the
 * pseudonymous actor Amphi and logstore_xapi write), or any account in a statement about an
 * Amphi classroom session (its `registration`): BigBlueButton's webhooks name people by the
 * userID Amphi joined them with, their sub, on the BigBlueButton host that ran the meeting
 * (behind Scalelite, any of its servers). Otherwise the xAPI agent key (agent-key.ts), matched
 * to the roster by email when read (`mbox:`).
 */
export function learnerOf(actorKey: string | null, l: Pick<FactLookups, 'issuer'>, viaMeeting: boolean, names?: ReadonlyMap<string, string | null>): string | null {
  if (!actorKey) return null;
  if (!actorKey.startsWith('account:')) return actorKey;
  // An IRL holds no bare '|': the first one ends the homePage (agent-key.ts writes homePage|name).
  const bar = actorKey.indexOf('|');
  const home = trimSlash(actorKey.slice('account:'.length, bar));
  const name = actorKey.slice(bar + 1);
  if (home === l.issuer) return `sub:${name}`;
  // bbb-webhooks as it is (3.x) names people by their display name: the session's attendee of that name, or nobody.
  if (viaMeeting && names) return names.get(name) ? `sub:${names.get(name)}` : null;
  if (viaMeeting) return `sub:${name}`;
  return actorKey;
}

/**
 * The UTC day it happened: the statement's timestamp, unless missing or more than a day after
 * it was stored (a client clock cannot put activity in the future).
 */
export function dayOf(s: Pick<StatementFields, 'timestamp' | 'stored'>): string {
  const stored = s.stored.getTime();
  const at = s.timestamp ? Date.parse(s.timestamp) : NaN;
  const when = Number.isFinite(at) && at <= stored + DAY_MS ? at : stored;
  return new Date(when).toISOString().slice(0, 10);
}

export function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
