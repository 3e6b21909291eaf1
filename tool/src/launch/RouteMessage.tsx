import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from '../components/Icon.js';

/** The route area is labelled by its heading, whichever route it shows. */
export const ROUTE_HEADING_ID = 'amphi-route-heading';

interface Props {
  heading: string;
  icon: IconName;
  tone?: 'info' | 'pending' | 'success';
  children: ComponentChildren;
}

/** The shared look of a route placeholder: an icon, a heading, a few sentences. */
export function RouteMessage({ heading, icon, tone = 'info', children }: Props) {
  return (
    <div class={`amphi-route-message amphi-tone-${tone}`}>
      <span class="amphi-route-icon">
        <Icon name={icon} size={24} />
      </span>
      <div class="amphi-route-text">
        <h2 id={ROUTE_HEADING_ID}>{heading}</h2>
        {children}
      </div>
    </div>
  );
}
