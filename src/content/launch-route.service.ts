import crypto from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { PLACEMENT_CUSTOM_PARAM, RESOURCE_ID_CUSTOM_PARAM, SELECTED_CUSTOM_PARAM } from '../lti/launch/launch-context.js';
import { hasRole } from '../lti/launch/roles.js';
import type { LaunchRoute } from '../lti/session/session-view.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { bindLinkToResource, copyResourceOnce, findCopy, findLinkBinding, findResource } from './resource.repository.js';
import type { ResourceRow } from './resource.table.js';
import type { DeepLinkingOptions } from './resource.view.js';

/**
 * Which page a launch opens, and which resource an activity shows.
 *
 * An activity made by deep linking carries the resource id in its custom parameters. The first
 * launch binds the activity to it; the teacher may switch it later (the binding wins while the
 * platform keeps sending the same custom id). When Moodle copies or restores a course, the copy's
 * activities carry the original's id but belong to a new course: the first instructor launch
 * makes the new course its own copy (media shared, see media_resource_id); learners who arrive
 * before that see the original, read-only. Ids of another platform resolve to nothing.
 */
export async function resolveLaunchRoute(ctx: AppContext, session: LaunchSession): Promise<LaunchRoute> {
  if (session.messageType === 'LtiDeepLinkingRequest') return { name: 'deep-linking', options: deepLinkingOptionsOf(session) };
  const link = session.resourceLink;
  if (!link) return { name: 'unconfigured', missingResource: false };
  const customId = session.launch.custom[RESOURCE_ID_CUSTOM_PARAM] || null;
  const binding = await findLinkBinding(ctx.db, link.id);
  if (binding?.resource_id && (customId === null || binding.bound_custom_resource_id === customId)) {
    const bound = await findResource(ctx.db, session.platform.id, binding.resource_id);
    if (bound) return resourceRoute(bound, false);
  }
  if (!customId) return { name: 'unconfigured', missingResource: false };
  const named = await findResource(ctx.db, session.platform.id, customId);
  if (!named) return { name: 'unconfigured', missingResource: true };
  const contextId = session.context?.id;
  if (!contextId || named.context_id === contextId) {
    await bindLinkToResource(ctx.db, link.id, named.id, customId);
    return resourceRoute(named, false);
  }
  // A copied or restored course (or an activity pointing at a teacher's resource of another course).
  let copy = await findCopy(ctx.db, named, contextId);
  if (!copy && hasRole(session.role, 'instructor')) {
    copy = await copyResourceOnce(ctx.db, named, contextId, { id: crypto.randomUUID(), createdBy: session.user?.id ?? null });
    ctx.logger.info({ resourceId: copy.id, copiedFrom: named.id, contextId }, 'resource copied into a new course');
  }
  if (copy) {
    await bindLinkToResource(ctx.db, link.id, copy.id, customId);
    return resourceRoute(copy, false);
  }
  return resourceRoute(named, true);
}

function resourceRoute(resource: ResourceRow, readOnly: boolean): LaunchRoute {
  return { name: 'resource', resourceId: resource.id, kind: resource.kind, readOnly };
}

/** The deep-linking settings as the picker needs them (Deep Linking 2.0 §4.4.1). */
export function deepLinkingOptionsOf(session: LaunchSession): DeepLinkingOptions {
  const settings = session.launch.deepLinking;
  // Content in a text (Moodle's editor plugins) has no grade column: never offered a line item.
  const editor = session.launch.custom[PLACEMENT_CUSTOM_PARAM] === 'RichTextEditor';
  const targets = (settings?.accept_presentation_document_targets ?? []).filter((t): t is 'iframe' | 'window' => t === 'iframe' || t === 'window');
  return {
    acceptMultiple: settings?.accept_multiple ?? false,
    acceptLineItem: !editor && (settings?.accept_lineitem ?? true),
    editor,
    // Only shown as chosen when the picker lists it (a resource of this course); ids, not trusted further.
    selectedResourceIds: (session.launch.custom[SELECTED_CUSTOM_PARAM] ?? '').split(',').map((id) => id.trim()).filter((id) => /^[A-Za-z0-9-]{1,64}$/.test(id)).slice(0, 50),
    autoCreate: settings?.auto_create ?? false,
    // "frame" (Moodle's "embed, without blocks") shows our page embedded too.
    documentTargets: targets.length ? targets : settings?.accept_presentation_document_targets.includes('frame') ? ['iframe'] : [],
    acceptsResourceLinks: settings?.accept_types.includes('ltiResourceLink') ?? false,
    title: settings?.title ?? null,
    text: settings?.text ?? null,
  };
}
