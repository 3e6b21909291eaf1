import { z } from 'zod';

/**
 * Third-party initiated login (LTI 1.3 §4.1 / IMS Security Framework §5.1.1.1).
 * Parameters arrive in the query (GET) or the form body (POST); the route merges them.
 * https://www.imsglobal.org/spec/security/v1p0/#step-1-third-party-initiated-login
 */
export const LoginParams = z.object({
  iss: z.url({ error: 'iss must be the platform issuer URL' }).max(1000),
  login_hint: z.string().min(1, 'login_hint is required').max(4000),
  target_link_uri: z.url({ error: 'target_link_uri must be a URL' }).max(4000),
  lti_message_hint: z.string().max(8000).optional(),
  lti_deployment_id: z.string().max(255).optional(),
  client_id: z.string().max(255).optional(),
  /**
   * Amphi's own: `local` when Moodle's local_amphi started the login (content embedded in a
   * text, moodle-plugin/): the authentication request then goes to its auth endpoint, which signs
   * a launch without a course module (mod/lti/auth.php cannot).
   */
  amphi_auth: z.enum(['local'], { error: 'amphi_auth, when given, must be "local"' }).optional(),
});
export type LoginParams = z.infer<typeof LoginParams>;

export const LoginRequest = z.object({
  body: z.record(z.string(), z.unknown()),
  query: z.record(z.string(), z.unknown()),
});

export const RelaunchRequest = z.object({
  query: z.object({ state: z.string().min(16).max(20_000) }),
});
