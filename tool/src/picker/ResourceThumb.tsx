import type { ResourceResponse } from '../api/api-types.js';
import { Icon } from '../components/Icon.js';

/**
 * The picture at the head of an option: a transcoded video's poster, otherwise the kind's icon.
 * Decorative either way (alt=""): the title next to it names the resource.
 */
export function ResourceThumb({ resource }: { resource: ResourceResponse }) {
  if (resource.thumbnailUrl) {
    return <img class="amphi-thumb" src={resource.thumbnailUrl} alt="" width={96} height={54} loading="lazy" decoding="async" data-testid="picker-poster" />;
  }
  return (
    <span class={`amphi-thumb amphi-thumb-icon amphi-thumb-${resource.kind}`} aria-hidden="true">
      <Icon name={resource.kind} size={26} />
    </span>
  );
}
