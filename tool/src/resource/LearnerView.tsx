import type { ResourceResponse } from '../api/api-types.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ResourceDescription } from './ResourceDescription.js';

/**
 * What a learner sees until the kind's own page (player, classroom, dashboard) comes: what the
 * activity is, and a plain sentence that its content will appear here.
 */
export function LearnerView({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  return (
    <div class="amphi-card">
      <ResourceDescription text={resource.description} />
      <p class="amphi-pending" data-testid="resource-pending">
        <Icon name="clock" />
        <span>{t(`resource.pending.${resource.kind}`)}</span>
      </p>
    </div>
  );
}
