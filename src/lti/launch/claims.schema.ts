import { z } from 'zod';

/**
 * LTI 1.3 message claims, checked *after* the signature (hypothesis lms/services/jwt.py does the same).
 * https://www.imsglobal.org/spec/lti/v1p3/#required-message-claims
 */
export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  launchPresentation: `${LTI}launch_presentation`,
  custom: `${LTI}custom`,
  toolPlatform: `${LTI}tool_platform`,
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
} as const;

const Context = z.object({
  id: z.string().min(1).max(255),
  label: z.string().max(1000).optional(),
  title: z.string().max(1000).optional(),
  type: z.array(z.string()).optional(),
});

const LaunchPresentation = z.object({
  document_target: z.string().optional(),
  height: z.number().optional(),
  width: z.number().optional(),
  return_url: z.url().optional(),
  locale: z.string().max(35).optional(),
});

/** Custom values are strings by spec; some platforms send numbers or booleans. */
const Custom = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v))));

const ToolPlatform = z.object({
  guid: z.string().max(255).optional(),
  name: z.string().optional(),
  product_family_code: z.string().optional(),
  version: z.string().optional(),
});

const Ags = z.object({
  scope: z.array(z.string()),
  lineitems: z.url().optional(),
  lineitem: z.url().optional(),
});

const Nrps = z.object({
  context_memberships_url: z.url(),
  service_versions: z.array(z.string()).optional(),
});

/** https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings */
const DeepLinkingSettings = z.object({
  deep_link_return_url: z.url(),
  accept_types: z.array(z.string()).min(1),
  accept_presentation_document_targets: z.array(z.string()).min(1),
  accept_media_types: z.string().optional(),
  accept_multiple: z.boolean().optional(),
  accept_lineitem: z.boolean().optional(),
  auto_create: z.boolean().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  data: z.string().optional(),
});

const Common = z.object({
  iss: z.string(),
  sub: z.string().min(1).max(255).optional(),
  name: z.string().max(1000).optional(),
  given_name: z.string().max(1000).optional(),
  family_name: z.string().max(1000).optional(),
  email: z.string().max(1000).optional(),
  locale: z.string().max(35).optional(),
  [CLAIM.version]: z.literal('1.3.0', { error: 'version must be 1.3.0' }),
  [CLAIM.deploymentId]: z.string().min(1).max(255),
  [CLAIM.targetLinkUri]: z.url(),
  [CLAIM.roles]: z.array(z.string()),
  [CLAIM.context]: Context.optional(),
  [CLAIM.launchPresentation]: LaunchPresentation.optional(),
  [CLAIM.custom]: Custom.optional(),
  [CLAIM.toolPlatform]: ToolPlatform.optional(),
  [CLAIM.ags]: Ags.optional(),
  [CLAIM.nrps]: Nrps.optional(),
});

export const ResourceLinkClaims = Common.extend({
  [CLAIM.messageType]: z.literal('LtiResourceLinkRequest'),
  [CLAIM.resourceLink]: z.object({
    id: z.string().min(1).max(255),
    title: z.string().max(1000).optional(),
    description: z.string().max(10000).optional(),
  }),
});

export const DeepLinkingClaims = Common.extend({
  [CLAIM.messageType]: z.literal('LtiDeepLinkingRequest'),
  [CLAIM.deepLinkingSettings]: DeepLinkingSettings,
});

export const LaunchClaims = z.discriminatedUnion(CLAIM.messageType, [ResourceLinkClaims, DeepLinkingClaims]);
export type LaunchClaims = z.infer<typeof LaunchClaims>;
export type DeepLinkingSettings = z.infer<typeof DeepLinkingSettings>;
export const SUPPORTED_MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;

export type ResourceLinkClaims = z.infer<typeof ResourceLinkClaims>;
export type DeepLinkingClaims = z.infer<typeof DeepLinkingClaims>;

export function isResourceLinkLaunch(claims: LaunchClaims): claims is ResourceLinkClaims {
  return claims[CLAIM.messageType] === 'LtiResourceLinkRequest';
}

export function isDeepLinkingLaunch(claims: LaunchClaims): claims is DeepLinkingClaims {
  return claims[CLAIM.messageType] === 'LtiDeepLinkingRequest';
}
