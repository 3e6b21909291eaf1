import crypto from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { PlatformServiceError } from '../lti/services/service-error.js';
import { AGS_SERVICE, AgsClient, type LineItem, type NewLineItem } from './ags.client.js';
import { findLineItemSource, saveLineItem, type LineItemSource } from './line-item.repository.js';
import { classifyFailure, nextAttemptAt, type RetryPolicy } from './retry-policy.js';
import { attachLineItem, releaseGroup, type ClaimedGroup } from './score-outbox.repository.js';

/**
 * Scores recorded before their activity had a line item wait in a group (resource, activity).
 * The worker finds the line item (the activity's own, since announced by a launch; one Amphi made
 * earlier; one the platform already holds for this resource and activity) or creates it in the
 * course's line items container (AGS §3.2), then attaches the group's scores to it.
 */
export async function resolveLineItem(ctx: Pick<AppContext, 'db' | 'accessTokens' | 'outbound' | 'logger'>, group: ClaimedGroup, policy: RetryPolicy): Promise<void> {
  try {
    const lineItemId = await findOrCreateLineItem(ctx, group);
    await attachLineItem(ctx.db, group, lineItemId);
  } catch (err) {
    const outcome = classifyFailure(err);
    const retryAt = nextAttemptAt(policy, group.attempts, outcome, Date.now());
    const detail = err instanceof PlatformServiceError ? err.detail : undefined;
    ctx.logger.warn({ feature: 'grades', resourceId: group.resource_id, resourceLinkId: group.resource_link_id, reason: outcome.reason, detail, retryAt }, 'line item not available');
    await releaseGroup(ctx.db, group, { retryAt, error: outcome.reason, httpStatus: outcome.httpStatus });
  }
}

async function findOrCreateLineItem(ctx: Pick<AppContext, 'db' | 'accessTokens' | 'outbound'>, group: ClaimedGroup): Promise<string> {
  const source = group.resource_id
    ? await findLineItemSource(ctx.db, { platformId: group.platform_id, resourceId: group.resource_id, resourceLinkId: group.resource_link_id })
    : undefined;
  if (!source) throw refusal('the resource of these scores was deleted');
  if (source.known_line_item_id) return source.known_line_item_id;
  const record = { platformId: group.platform_id, contextId: source.context_id, resourceId: group.resource_id, resourceLinkId: group.resource_link_id };
  if (source.lineitem_url) {
    return saveLineItem(ctx.db, { ...record, id: crypto.randomUUID(), url: source.lineitem_url, label: null, scoreMaximum: null, tag: null });
  }
  if (!source.lineitems_url) throw refusal('the course gives no line items container (AGS lineitems): no gradebook column can be created');
  const wanted = newLineItem(group, source);
  const platform = { id: group.platform_id, client_id: source.client_id, auth_token_url: source.auth_token_url, registered_via: source.registered_via };
  const ags = new AgsClient(ctx, platform, source.ags_scopes ?? []);
  const filter = wanted.resourceLinkId ? { resourceLinkId: wanted.resourceLinkId } : { resourceId: wanted.resourceId };
  const existing = pickExisting(await ags.findLineItems(source.lineitems_url, filter), wanted);
  const item = existing ?? (await ags.createLineItem(source.lineitems_url, wanted));
  return saveLineItem(ctx.db, {
    ...record,
    id: crypto.randomUUID(),
    url: item.id,
    label: item.label ?? wanted.label,
    scoreMaximum: item.scoreMaximum ?? wanted.scoreMaximum,
    tag: item.tag ?? wanted.tag ?? null,
  });
}

/** What Amphi asks the platform to create: the resource's title and maximum, tagged with its kind. */
export function newLineItem(group: Pick<ClaimedGroup, 'resource_id' | 'score_maximum'>, source: Pick<LineItemSource, 'title' | 'kind' | 'score_maximum' | 'lti_resource_link_id'>): NewLineItem {
  return {
    scoreMaximum: source.score_maximum ?? group.score_maximum,
    label: source.title,
    resourceId: group.resource_id ?? undefined,
    ...(source.lti_resource_link_id ? { resourceLinkId: source.lti_resource_link_id } : {}),
    tag: `amphi-${source.kind}`,
  };
}

/**
 * A column the platform already has for this activity: one Amphi made before a crash lost its
 * record, or the activity's own when it is the only one (Moodle names it in launches only then,
 * and a launch may not have named it yet). Adding a second column would split the grades.
 */
function pickExisting(items: LineItem[], wanted: NewLineItem): LineItem | undefined {
  const ours = items.find((li) => li.resourceId === wanted.resourceId && (li.resourceLinkId || undefined) === wanted.resourceLinkId);
  if (ours) return ours;
  const linkItems = wanted.resourceLinkId ? items.filter((li) => li.resourceLinkId === wanted.resourceLinkId) : [];
  return linkItems.length === 1 ? linkItems[0] : undefined;
}

function refusal(reason: string): PlatformServiceError {
  return new PlatformServiceError(AGS_SERVICE, reason, undefined, false);
}
