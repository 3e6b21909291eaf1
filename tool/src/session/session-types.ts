import type { DeepLinkingOptions, ResourceKind } from '../api/api-types.js';
import type { Locale } from '../i18n/i18n.js';

/**
 * Wire shapes of GET /api/session, POST /api/session/refresh and the page bootstrap
 * (src/lti/session/session-view.ts). session-contract.ts checks them against the server's types.
 */
export type Role = 'admin' | 'instructor' | 'learner';

export type LaunchRoute =
  /** `readOnly`: a copied course whose teacher has not opened the activity yet; learners see the original. */
  | { name: 'resource'; resourceId: string; kind: ResourceKind; readOnly: boolean }
  /** `missingResource`: the link named a resource that is gone or not Amphi's. */
  | { name: 'unconfigured'; missingResource: boolean }
  | { name: 'deep-linking'; options: DeepLinkingOptions };

export interface SessionResponse {
  role: Role;
  locale: Locale;
  messageType: string;
  route: LaunchRoute;
  platform: { name: string };
  user: { name: string | null; givenName: string | null; familyName: string | null; email: string | null } | null;
  context: { title: string | null; label: string | null } | null;
  resourceLink: { title: string | null } | null;
  /** Shown in a frame inside a text of the course (Moodle's filter): the page's own heading is kept for screen readers only. */
  inText: boolean;
  returnUrl: string | null;
  expiresAt: string;
}

export interface SessionToken {
  token: string;
  /** ISO 8601. */
  tokenExpiresAt: string;
}

/** `<script type="application/json" id="amphi-bootstrap">` injected by the launch response. */
export interface Bootstrap extends SessionToken {
  session: SessionResponse;
}
