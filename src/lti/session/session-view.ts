import { RESOURCE_ID_CUSTOM_PARAM } from '../launch/launch-context.js';
import type { LaunchSession } from './session.service.js';

/** Which page the front end opens for this launch. */
export type LaunchRoute =
  | { name: 'resource'; resourceId: string }
  /** A resource link with no Amphi resource behind it yet. */
  | { name: 'unconfigured' }
  | { name: 'deep-linking' };

export function launchRouteOf(session: LaunchSession): LaunchRoute {
  if (session.messageType === 'LtiDeepLinkingRequest') return { name: 'deep-linking' };
  const resourceId = session.launch.custom[RESOURCE_ID_CUSTOM_PARAM];
  return resourceId ? { name: 'resource', resourceId } : { name: 'unconfigured' };
}

/** The session as the front end sees it (wire shape of GET /api/session and of the page bootstrap). */
export function toSessionResponse(session: LaunchSession) {
  return {
    role: session.role,
    locale: session.locale,
    messageType: session.messageType,
    route: launchRouteOf(session),
    platform: { name: session.platform.name },
    user: session.user && {
      name: session.user.name,
      givenName: session.user.givenName,
      familyName: session.user.familyName,
      email: session.user.email,
    },
    context: session.context && { title: session.context.title, label: session.context.label },
    resourceLink: session.resourceLink && { title: session.resourceLink.title },
    returnUrl: session.launch.returnUrl ?? null,
    expiresAt: session.expiresAt.toISOString(),
  };
}
export type SessionResponse = ReturnType<typeof toSessionResponse>;
