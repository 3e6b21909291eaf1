import type { SessionResponse } from '../session/session-types.js';
import { DeepLinkingRoute } from './DeepLinkingRoute.js';
import { ResourceRoute } from './ResourceRoute.js';
import { ROUTE_HEADING_ID } from './RouteMessage.js';
import { UnconfiguredRoute } from './UnconfiguredRoute.js';

/** The page this launch leads to. Later issues replace these placeholders with the real pages. */
export function RouteView({ session }: { session: SessionResponse }) {
  const { route } = session;
  return (
    <section class="amphi-card amphi-route" data-testid="route" data-route={route.name} aria-labelledby={ROUTE_HEADING_ID}>
      {route.name === 'resource' && <ResourceRoute resourceId={route.resourceId} />}
      {route.name === 'unconfigured' && <UnconfiguredRoute role={session.role} />}
      {route.name === 'deep-linking' && <DeepLinkingRoute platformName={session.platform.name} />}
    </section>
  );
}
