import { amphiAuthority, amphiPageAuthority } from '../lrs/lrs.service.js';
import { launchStatement, resourceActivityId } from '../lrs/traces/launch-trace.service.js';
import { ltiActor } from '../lrs/xapi/lti-actor.js';
import type { Statement } from '../lrs/xapi/xapi.types.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import type { ResourceKind } from '../content/resource.table.js';
import { toXapiStatement, type Segment, type VideoStatement } from '../video/tracking/tracking.service.js';
import type { CourseModel, Person, Resource, VideoResource } from './course-model.js';
import { demoUuid } from './demo-ids.js';
import type { PendingStatement, StatementSource } from '../lrs/statements/statement-backfill.service.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

/** Amphi's own two principals (lrs.service.ts): its traces, and what its pages reported. */
export function amphiSources(publicUrl: string): { amphi: StatementSource; page: StatementSource } {
  return { amphi: { authority: amphiAuthority(publicUrl), credentialId: null }, page: { authority: amphiPageAuthority(publicUrl), credentialId: null } };
}

/** The launch session a real launch of this activity would have made: what trace builders read of it. */
export function launchSessionOf(model: CourseModel, person: Person, resource: Resource, at: number): LaunchSession {
  return {
    id: demoUuid(model.seed, 'session', person.sub, resource.id, at),
    platform: { id: model.platform.id, name: model.platform.name, issuer: model.platform.issuer },
    deployment: model.deployment,
    user: { id: person.userId, sub: person.sub, name: person.name.name, givenName: person.name.givenName, familyName: person.name.familyName, email: person.name.email },
    context: { id: model.context.id, contextId: model.context.contextId, title: model.context.title, label: model.context.label },
    resourceLink: { id: resource.linkRowId, resourceLinkId: resource.resourceLinkId, title: resource.title },
    messageType: 'LtiResourceLinkRequest',
    role: person.role,
    roles: [`${LIS}${person.role === 'instructor' ? 'Instructor' : 'Learner'}`],
    locale: person.locale,
    launch: { custom: {} },
    createdAt: new Date(at),
    expiresAt: new Date(at + 8 * 3_600_000),
  };
}

/** The `launched` trace (launch-trace.service.ts): the store gives it its id and takes its timestamp from `stored`. */
export function launchTrace(model: CourseModel, person: Person, resource: Resource, kind: ResourceKind, at: number): PendingStatement {
  const session = launchSessionOf(model, person, resource, at);
  const platform = { issuer: model.platform.issuer, lrsIdentity: model.platform.lrsIdentity };
  const statement = launchStatement(model.publicUrl, platform, session, { name: 'resource', resourceId: resource.id, kind, readOnly: false })!;
  const id = demoUuid(model.seed, 'launched', person.sub, resource.id, at);
  return { statement: { ...statement, id, timestamp: new Date(at).toISOString() }, source: amphiSources(model.publicUrl).amphi, storedAt: at };
}

/**
 * The player's statements of one viewing as tracking.service.ts stores them (stored-statement.ts):
 * the server's actor, object, context and length, what was credited. `credited` is the person's
 * view after this viewing; a `completed` is kept only when that view is completed.
 */
export function playerTraces(
  model: CourseModel, person: Person, video: VideoResource, statements: VideoStatement[], credited: Segment[], viewCompleted: boolean, batchDelay: (at: number) => number,
): PendingStatement[] {
  const session = launchSessionOf(model, person, video, Date.parse(statements[0]!.timestamp));
  const env = {
    actor: ltiActor({ issuer: model.platform.issuer, lrsIdentity: model.platform.lrsIdentity }, { sub: person.sub, email: person.name.email, name: person.name.name }),
    session,
    publicUrl: model.publicUrl,
    objectId: resourceActivityId(model.publicUrl, video.id),
    title: video.title,
    durationSeconds: video.durationSeconds,
    completionThreshold: video.completionThreshold,
    credited,
    viewCompleted,
  };
  const source = amphiSources(model.publicUrl).page;
  return statements
    .filter((s) => s.verb !== 'completed' || viewCompleted)
    .map((s) => {
      const statement = toXapiStatement(s, env) as Statement & { id: string; timestamp: string };
      const at = Date.parse(s.timestamp);
      return { statement, source, storedAt: at + batchDelay(at) };
    });
}
