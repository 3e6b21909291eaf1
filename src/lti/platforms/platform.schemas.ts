import { z } from 'zod';

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** What an admin gives to register a platform by hand (CLI or admin API). */
export const PlatformInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  issuer: url.max(1000),
  clientId: z.string().trim().min(1).max(255),
  authLoginUrl: url.max(2000),
  authTokenUrl: url.max(2000),
  jwksUrl: url.max(2000),
  deploymentIds: z.array(z.string().trim().min(1).max(255)).default([]),
  allowNewDeployments: z.boolean().optional(),
});
export type PlatformInput = z.input<typeof PlatformInput>;

export const PlatformRef = z.object({ id: z.string().min(1) });

/** Moodle's "Tool configuration" page shows these; `--moodle <url>` derives them. */
export function moodleEndpoints(wwwroot: string) {
  const base = wwwroot.replace(/\/+$/, '');
  return {
    issuer: base,
    authLoginUrl: `${base}/mod/lti/auth.php`,
    authTokenUrl: `${base}/mod/lti/token.php`,
    jwksUrl: `${base}/mod/lti/certs.php`,
  };
}
