import { useI18n } from '../i18n/I18nContext.js';
import { RouteMessage } from './RouteMessage.js';

export function ResourceRoute({ resourceId }: { resourceId: string }) {
  const { t } = useI18n();
  return (
    <RouteMessage heading={t('route.resource.heading')} icon="check" tone="success">
      <p>{t('route.resource.body')}</p>
      <p class="amphi-field">
        <span class="amphi-muted">{t('route.resource.id')}</span>{' '}
        <code data-testid="resource-id">{resourceId}</code>
      </p>
    </RouteMessage>
  );
}
