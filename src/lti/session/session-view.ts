import type { DeepLinkingOptions } from '../../content/resource.view.js';
import type { ResourceKind } from '../../content/resource.table.js';
import { PLACEMENT_CUSTOM_PARAM } from '../launch/launch-context.js';
import type { LaunchSession } from './session.service.js';

/** Which page the front end opens for this launch (resolved by src/content/launch-route.service.ts). */
export type LaunchRoute =
  /** `readOnly`: a copied course whose teacher has not opened the activity yet; learners see the original. */
  | { name: 'resource'; resourceId: string; kind: ResourceKind; readOnly: boolean }
  /** A resource link with no Amphi resource behind it yet (`missingResource`: it named one that is gone or not ours). */
  | { name: 'unconfigured'; missingResource: boolean }
  | { name: 'deep-linking'; options: DeepLinkingOptions };

/** The session as the front end sees it (wire shape of GET /api/session and of the page bootstrap). */
export function toSessionResponse(session: LaunchSession, route: LaunchRoute) {
  return {
    role: session.role,
    locale: session.locale,
    messageType: session.messageType,
    route,
    platform: { name: session.platform.name },
    user: session.user && {
      name: session.user.name,
      givenName: session.user.givenName,
      familyName: session.user.familyName,
      email: session.user.email,
    },
    context: session.context && { title: session.context.title, label: session.context.label },
    resourceLink: session.resourceLink && { title: session.resourceLink.title },
    // Launched from a text of the course (Moodle's filter_amphi): a frame in a page, kept compact.
    inText: session.messageType === 'LtiResourceLinkRequest' && session.launch.custom[PLACEMENT_CUSTOM_PARAM] === 'RichTextEditor',
    returnUrl: session.launch.returnUrl ?? null,
    expiresAt: session.expiresAt.toISOString(),
  };
}
export type SessionResponse = ReturnType<typeof toSessionResponse>;
