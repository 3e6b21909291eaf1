import crypto from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { ResourceRow } from '../content/resource.table.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { AgsClient } from './ags.client.js';
import { findLineItemSource, saveLineItem } from './line-item.repository.js';

export interface KnownLineItem {
  label: string | null;
  score_maximum: number | null;
  url: string;
}

export interface LineItemDetails {
  label: string | null;
  scoreMaximum: number | null;
}

/**
 * The gradebook column's label and maximum as the platform holds them. A column the platform made
 * itself (from the picker's deep-linking lineItem: "graded out of 20") reaches Amphi only as a URL,
 * the launch's AGS `lineitem`, without its maximum: the gradebook showed "out of —". It is asked
 * once (AGS GET, §3.2) and recorded, like the columns Amphi creates; later views read the record.
 * A platform that does not answer leaves the maximum unknown (the page then names the column only).
 *
 * `activityLinkId`: the launch's activity when it shows this resource (its announced column may
 * be recorded as the resource's), null otherwise.
 */
export async function lineItemDetails(
  ctx: AppContext,
  session: LaunchSession,
  resource: Pick<ResourceRow, 'id' | 'context_id'>,
  known: KnownLineItem | undefined,
  announced: { url: string; activityLinkId: string | null } | null,
): Promise<LineItemDetails | null> {
  if (known && known.score_maximum !== null) return { label: known.label, scoreMaximum: known.score_maximum };
  const url = known?.url ?? (announced?.activityLinkId ? announced.url : null);
  if (!url) return announced ? { label: null, scoreMaximum: null } : null;
  const linkId = known ? null : announced!.activityLinkId;
  try {
    const source = await findLineItemSource(ctx.db, { platformId: session.platform.id, resourceId: resource.id, resourceLinkId: linkId });
    if (!source) return { label: known?.label ?? null, scoreMaximum: null };
    const platform = { id: session.platform.id, client_id: source.client_id, auth_token_url: source.auth_token_url, registered_via: source.registered_via };
    const item = await new AgsClient(ctx, platform, source.ags_scopes ?? []).getLineItem(url);
    await saveLineItem(ctx.db, {
      id: crypto.randomUUID(),
      platformId: session.platform.id,
      contextId: resource.context_id,
      resourceId: resource.id,
      resourceLinkId: linkId,
      url,
      label: item.label ?? null,
      scoreMaximum: item.scoreMaximum ?? null,
      tag: item.tag ?? null,
    });
    return { label: item.label ?? known?.label ?? null, scoreMaximum: item.scoreMaximum ?? null };
  } catch (err) {
    ctx.logger.warn({ feature: 'grades', resourceId: resource.id, err: err instanceof Error ? err.message : String(err) }, 'line item details not available');
    return { label: known?.label ?? null, scoreMaximum: null };
  }
}
