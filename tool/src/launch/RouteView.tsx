import { useEffect, useRef } from 'preact/hooks';
import { lazyView } from '../components/lazy-view.js';
import { ResourcePage } from '../resource/ResourcePage.js';
import type { LaunchRoute, SessionResponse } from '../session/session-types.js';
import { ROUTE_HEADING_ID } from './RouteMessage.js';
import { UnconfiguredRoute } from './UnconfiguredRoute.js';

// Only teachers adding an activity see the picker: its code stays out of every other launch.
const DeepLinkingPicker = lazyView(() => import('../picker/DeepLinkingPicker.js').then((m) => m.DeepLinkingPicker), 'app.loading');
// Shown to teachers on a link still to set up only, and it brings the resource forms along.
const UnconfiguredChooser = lazyView(() => import('./UnconfiguredChooser.js').then((m) => m.UnconfiguredChooser), 'app.loading');

interface Props {
  session: SessionResponse;
  onSessionChange: (session: SessionResponse) => void;
}

function routeKey(route: LaunchRoute): string {
  return route.name === 'resource' ? `resource:${route.resourceId}` : route.name;
}

/** The page this launch leads to: the picker, the resource, or a link still to set up. */
export function RouteView({ session, onSessionChange }: Props) {
  const { route } = session;
  const section = useRef<HTMLElement>(null);
  const shown = useRef(routeKey(route));
  const staff = session.role === 'instructor' || session.role === 'admin';

  // The teacher changed what the link shows: move focus to the new content, not the page top.
  useEffect(() => {
    const key = routeKey(route);
    if (shown.current === key) return;
    shown.current = key;
    section.current?.focus();
  }, [route]);

  return (
    <>
      <section
        ref={section}
        tabIndex={-1}
        class={route.name === 'unconfigured' ? 'amphi-card amphi-route' : 'amphi-route'}
        data-testid="route"
        data-route={route.name}
        aria-labelledby={ROUTE_HEADING_ID}
      >
        {route.name === 'resource' && <ResourcePage key={route.resourceId} route={route} onSessionChange={onSessionChange} staff={staff} />}
        {route.name === 'unconfigured' && <UnconfiguredRoute role={session.role} missingResource={route.missingResource} />}
        {route.name === 'deep-linking' && <DeepLinkingPicker options={route.options} platformName={session.platform.name} />}
      </section>
      {route.name === 'unconfigured' && staff && <UnconfiguredChooser onSessionChange={onSessionChange} />}
    </>
  );
}
