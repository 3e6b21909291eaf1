import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import type { AppContext } from '../../app-context.js';
import { deepLinkingOptionsOf } from '../../content/launch-route.service.js';
import { loadUsableResource } from '../../content/resource.service.js';
import type { ResourceWithCourse } from '../../content/resource-lookup.service.js';
import type { DeepLinkingResponseResponse } from '../../content/resource.view.js';
import { AppError, BadRequestError } from '../../http/errors.js';
import { CLAIM } from '../launch/claims.schema.js';
import { RESOURCE_ID_CUSTOM_PARAM } from '../launch/launch-context.js';
import type { LaunchSession } from '../session/session.service.js';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
/** What the platform gets back: short-lived, it is posted at once by the page. */
const RESPONSE_TTL_SECONDS = 300;
/** Lecture videos and classrooms are 16:9; the platform may still resize the frame. */
const IFRAME = { width: 1280, height: 800 };
/**
 * In a text (Moodle's editor plugins), a frame the width of a course page's column: the filter
 * keeps these proportions and shrinks it to narrower columns. A video's page there is Amphi's bar
 * and the player (LaunchPage: the headings are for screen readers only); a classroom's and a
 * dashboard's need more height.
 */
const IFRAME_IN_TEXT: Record<string, { width: number; height: number }> = {
  video: { width: 800, height: 580 },
  classroom: { width: 800, height: 600 },
  dashboard: { width: 960, height: 760 },
};

export interface SelectedItem {
  resourceId: string;
  documentTarget?: 'iframe' | 'window';
}

/**
 * The LtiDeepLinkingResponse for the request this session came from (Deep Linking 2.0 §4.5,
 * https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message). Everything about
 * where it goes (platform, deployment, return URL, `data`) comes from the verified request kept
 * with the session, never from the page: the response can only go back to who asked. An empty
 * selection is a valid answer (the teacher cancelled).
 */
export async function buildDeepLinkingResponse(ctx: AppContext, session: LaunchSession, items: SelectedItem[]): Promise<DeepLinkingResponseResponse> {
  const settings = session.launch.deepLinking;
  if (session.messageType !== 'LtiDeepLinkingRequest' || !settings) throw new BadRequestError('not-deep-linking', 400);
  const options = deepLinkingOptionsOf(session);
  if (items.length > 0 && !options.acceptsResourceLinks) {
    throw new AppError('deep-linking-types', 400, { accepted: settings.accept_types.join(', ') });
  }
  if (items.length > 1 && !options.acceptMultiple) throw new AppError('deep-linking-multiple', 400, { count: items.length });
  const platform = await ctx.platforms.findById(session.platform.id);
  if (!platform) throw new BadRequestError('not-deep-linking', 400);

  const contentItems = [];
  for (const item of items) {
    const target = item.documentTarget ?? options.documentTargets[0];
    if (!target || !options.documentTargets.includes(target)) {
      throw new AppError('deep-linking-target', 400, { target: target ?? '', accepted: settings.accept_presentation_document_targets.join(', ') });
    }
    const resource = await loadUsableResource(ctx, session, item.resourceId);
    contentItems.push(resourceLinkItem(ctx, resource, target, options.acceptLineItem, options.editor));
  }

  const signing = await ctx.toolKeys.get();
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({
    nonce: crypto.randomUUID(),
    [CLAIM.deploymentId]: session.deployment.deploymentId,
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    [`${DL}content_items`]: contentItems,
    ...(settings.data !== undefined ? { [`${DL}data`]: settings.data } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: signing.kid })
    .setIssuer(platform.client_id)
    .setAudience(platform.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + RESPONSE_TTL_SECONDS)
    .sign(signing.key);
  ctx.logger.info({ platformId: platform.id, items: contentItems.length, sessionId: session.id }, 'deep-linking response signed');
  return { returnUrl: settings.deep_link_return_url, jwt };
}

/** An ltiResourceLink content item (Deep Linking 2.0 §3.2). */
function resourceLinkItem(ctx: AppContext, resource: ResourceWithCourse, target: 'iframe' | 'window', acceptLineItem: boolean, inText: boolean) {
  const thumbnail = typeof resource.settings.thumbnailUrl === 'string' ? resource.settings.thumbnailUrl : undefined;
  return {
    type: 'ltiResourceLink',
    title: resource.title,
    ...(resource.description ? { text: resource.description } : {}),
    url: `${ctx.config.http.publicUrl}/lti/launch`,
    custom: { [RESOURCE_ID_CUSTOM_PARAM]: resource.id },
    ...(target === 'iframe' ? { iframe: (inText && IFRAME_IN_TEXT[resource.kind]) || IFRAME } : { window: { targetName: `amphi-${resource.id}` } }),
    ...(thumbnail ? { thumbnail: { url: thumbnail, width: 320, height: 180 } } : {}),
    ...(resource.gradable && resource.score_maximum && acceptLineItem
      ? { lineItem: { scoreMaximum: resource.score_maximum, label: resource.title, resourceId: resource.id, tag: `amphi-${resource.kind}` } }
      : {}),
  };
}

