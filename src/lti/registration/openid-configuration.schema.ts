import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/**
 * The platform's OpenID configuration as LTI Dynamic Registration §3.4 describes it.
 * Moodle lists messages_supported as plain strings; the spec as objects: both are read.
 * https://www.imsglobal.org/spec/lti-dr/v1p0#platform-configuration
 */
export const PlatformOpenIdConfiguration = z.object({
  issuer: url,
  authorization_endpoint: url,
  token_endpoint: url,
  jwks_uri: url,
  registration_endpoint: url,
  token_endpoint_auth_methods_supported: z.array(z.string()).refine((m) => m.includes('private_key_jwt'), {
    message: 'must include private_key_jwt',
  }),
  id_token_signing_alg_values_supported: z.array(z.string()).refine((a) => a.includes('RS256'), { message: 'must include RS256' }),
  scopes_supported: z.array(z.string()).optional(),
  'https://purl.imsglobal.org/spec/lti-platform-configuration': z.object({
    product_family_code: z.string().min(1),
    version: z.string().optional(),
    messages_supported: z
      .array(z.union([z.string(), z.object({ type: z.string() }).loose()]))
      .optional()
      .transform((m) => m?.map((x) => (typeof x === 'string' ? x : x.type))),
  }),
});
export type PlatformOpenIdConfiguration = z.infer<typeof PlatformOpenIdConfiguration>;

/** The platform's answer to the registration (client_id issued, deployment created). */
export const RegistrationResponse = z.object({
  client_id: z.string().min(1).max(255),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z
    .object({ deployment_id: z.string().min(1).max(255).optional() })
    .loose()
    .optional(),
});
export type RegistrationResponse = z.infer<typeof RegistrationResponse>;

/** `GET /lti/register?code=…&openid_configuration=…&registration_token=…` (Moodle appends the last two to the URL it is given). */
export const RegisterRequest = z.object({
  query: z.object({
    openid_configuration: z.url({ protocol: /^https?$/, error: 'openid_configuration must be the platform configuration URL (http or https)' }),
    registration_token: z.string().max(10_000).optional(),
    code: z.string().max(200).optional(),
  }),
});
