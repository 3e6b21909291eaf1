import { CLAIM, isDeepLinkingLaunch, type DeepLinkingSettings, type LaunchClaims } from './claims.schema.js';

/**
 * What later features need from a launch, kept with the session: where to send grades (AGS),
 * the roster (NRPS), how to answer a deep-linking request, where to send the user back.
 */
export interface LaunchServices {
  returnUrl?: string;
  documentTarget?: string;
  custom: Record<string, string>;
  ags?: { scope: string[]; lineitems?: string; lineitem?: string };
  nrps?: { contextMembershipsUrl: string; serviceVersions?: string[] };
  deepLinking?: DeepLinkingSettings;
  toolPlatform?: { guid?: string; name?: string; productFamilyCode?: string };
}

export function launchServicesFrom(claims: LaunchClaims): LaunchServices {
  const presentation = claims[CLAIM.launchPresentation];
  const ags = claims[CLAIM.ags];
  const nrps = claims[CLAIM.nrps];
  const platform = claims[CLAIM.toolPlatform];
  return {
    returnUrl: presentation?.return_url,
    documentTarget: presentation?.document_target,
    custom: claims[CLAIM.custom] ?? {},
    ags: ags && { scope: ags.scope, lineitems: ags.lineitems, lineitem: ags.lineitem },
    nrps: nrps && { contextMembershipsUrl: nrps.context_memberships_url, serviceVersions: nrps.service_versions },
    deepLinking: isDeepLinkingLaunch(claims) ? claims[CLAIM.deepLinkingSettings] : undefined,
    toolPlatform: platform && { guid: platform.guid, name: platform.name, productFamilyCode: platform.product_family_code },
  };
}

/** The custom parameter deep linking puts on each link to name the Amphi resource. */
export const RESOURCE_ID_CUSTOM_PARAM = 'amphi_resource_id';

/**
 * Set by Moodle's local_amphi on a deep-linking request from the text editor (moodle-plugin/):
 * the placement (`RichTextEditor`: content in a text, never graded), and the resource of the
 * placeholder the teacher had selected, to show it chosen.
 */
export const PLACEMENT_CUSTOM_PARAM = 'amphi_placement';
export const SELECTED_CUSTOM_PARAM = 'amphi_selected';
