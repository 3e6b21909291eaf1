import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** lti-config.json at the repository root (same depth from src/ and dist/). */
export const LTI_CONFIG_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'lti-config.json');

const Descriptor = z.object({
  client_name: z.string(),
  'client_name#fr': z.string().optional(),
  description: z.string(),
  'description#fr': z.string().optional(),
  paths: z.object({
    initiate_login_uri: z.string(),
    redirect_uri: z.string(),
    target_link_uri: z.string(),
    jwks_uri: z.string(),
    logo_uri: z.string().optional(),
  }),
  scopes: z.array(z.string()),
  claims: z.array(z.string()),
  custom_parameters: z.record(z.string(), z.string()),
  messages: z.array(
    z.object({
      type: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
      label: z.string().optional(),
      'label#fr': z.string().optional(),
      placements: z.array(z.string()).optional(),
      supported_types: z.array(z.string()).optional(),
    }),
  ),
});
export type ToolDescriptor = z.infer<typeof Descriptor>;

let cached: ToolDescriptor | undefined;
export function loadToolDescriptor(file = LTI_CONFIG_PATH): ToolDescriptor {
  if (!cached || file !== LTI_CONFIG_PATH) {
    const parsed = Descriptor.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (file !== LTI_CONFIG_PATH) return parsed;
    cached = parsed;
  }
  return cached;
}

/** The tool's URLs on this deployment (PUBLIC_URL + descriptor paths). */
export function toolUrls(publicUrl: string, descriptor = loadToolDescriptor()) {
  const abs = (p: string) => `${publicUrl}${p}`;
  return {
    initiateLoginUri: abs(descriptor.paths.initiate_login_uri),
    redirectUris: [abs(descriptor.paths.redirect_uri)],
    targetLinkUri: abs(descriptor.paths.target_link_uri),
    jwksUri: abs(descriptor.paths.jwks_uri),
    logoUri: descriptor.paths.logo_uri ? abs(descriptor.paths.logo_uri) : undefined,
    registrationUrl: abs('/lti/register'),
    domain: new URL(publicUrl).host,
  };
}

/**
 * The client registration request of LTI Dynamic Registration §3.3.
 * https://www.imsglobal.org/spec/lti-dr/v1p0#tool-registration-request
 */
export function buildRegistrationRequest(publicUrl: string, platformScopes: string[] | undefined, descriptor = loadToolDescriptor()) {
  const urls = toolUrls(publicUrl, descriptor);
  // Ask only for scopes the platform offers: some platforms refuse the whole request otherwise.
  const scopes = platformScopes ? descriptor.scopes.filter((s) => platformScopes.includes(s)) : descriptor.scopes;
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.initiateLoginUri,
    redirect_uris: urls.redirectUris,
    client_name: descriptor.client_name,
    ...(descriptor['client_name#fr'] ? { 'client_name#fr': descriptor['client_name#fr'] } : {}),
    jwks_uri: urls.jwksUri,
    ...(urls.logoUri ? { logo_uri: urls.logoUri } : {}),
    token_endpoint_auth_method: 'private_key_jwt',
    scope: scopes.join(' '),
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: urls.domain,
      target_link_uri: urls.targetLinkUri,
      description: descriptor.description,
      ...(descriptor['description#fr'] ? { 'description#fr': descriptor['description#fr'] } : {}),
      custom_parameters: descriptor.custom_parameters,
      claims: descriptor.claims,
      messages: descriptor.messages.map((m) => ({ ...m, target_link_uri: urls.targetLinkUri })),
    },
  };
}
