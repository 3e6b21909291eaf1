import type { AppContext } from '../../app-context.js';
import type { LaunchRoute } from '../../lti/session/session-view.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { recordStatements } from '../lrs.service.js';
import { ltiActor } from '../xapi/lti-actor.js';
import type { Statement } from '../xapi/xapi.types.js';

const LAUNCHED = { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched', 'fr-FR': 'a lancé' } };

/** Activity types of the xAPI video and virtual classroom profiles; a dashboard is a page. */
const ACTIVITY_TYPE = {
  video: 'https://w3id.org/xapi/video/activity-type/video',
  classroom: 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom',
  dashboard: 'http://activitystrea.ms/schema/1.0/page',
} as const;

/** The IRI of an Amphi resource in statements: the same for every trace about it. */
export function resourceActivityId(publicUrl: string, resourceId: string): string {
  return `${publicUrl}/xapi/activities/resources/${resourceId}`;
}

/** The IRI of a course (LTI context) in statements, under Amphi's own URL so that it is unique across platforms. */
export function courseActivityId(publicUrl: string, contextRowId: string): string {
  return `${publicUrl}/xapi/activities/courses/${contextRowId}`;
}

/**
 * The "launched" statement of a learner or teacher opening a resource from the LMS: the first
 * trace of every visit, the one a dashboard counts to see who comes back and who drifts away.
 * The actor follows the platform's identity setting (pseudonymous account by default).
 */
export function launchStatement(publicUrl: string, platform: { issuer: string; lrsIdentity: 'pseudonymous' | 'email' }, session: LaunchSession, route: Extract<LaunchRoute, { name: 'resource' }>): Statement | undefined {
  if (!session.user) return undefined;
  const title = session.resourceLink?.title;
  const statement: Statement = {
    actor: ltiActor(platform, session.user),
    verb: LAUNCHED,
    object: {
      objectType: 'Activity',
      id: resourceActivityId(publicUrl, route.resourceId),
      definition: { type: ACTIVITY_TYPE[route.kind], ...(title ? { name: { und: title } } : {}) },
    },
    context: { platform: session.platform.name, language: session.locale },
  };
  if (session.context) {
    const course = session.context.title ?? session.context.label;
    statement.context!.contextActivities = {
      parent: [
        {
          objectType: 'Activity',
          id: courseActivityId(publicUrl, session.context.id),
          definition: { type: 'http://adlnet.gov/expapi/activities/course', ...(course ? { name: { und: course } } : {}) },
        },
      ],
    };
  }
  return statement;
}

/** Records the launch trace; a failure is logged, never shown to the person launching. */
export async function recordLaunchTrace(ctx: AppContext, session: LaunchSession, route: LaunchRoute): Promise<void> {
  if (route.name !== 'resource') return;
  const platform = await ctx.platforms.findById(session.platform.id);
  if (!platform) return;
  const statement = launchStatement(ctx.config.http.publicUrl, { issuer: platform.issuer, lrsIdentity: platform.lrs_identity }, session, route);
  if (statement) await recordStatements(ctx, session.platform.id, [statement]);
}
