import { useI18n } from '../i18n/I18nContext.js';
import type { Role } from '../session/session-types.js';
import { RouteMessage } from './RouteMessage.js';

/**
 * A resource link with nothing behind it yet: staff are asked to choose (the chooser follows),
 * learners are reassured. When the link named a resource that is gone, both are told so.
 */
export function UnconfiguredRoute({ role, missingResource }: { role: Role; missingResource: boolean }) {
  const { t } = useI18n();
  const staff = role === 'instructor' || role === 'admin';
  const missing = missingResource && (
    <p data-testid="route-missing-resource">{t(staff ? 'route.unconfigured.missing.staff' : 'route.unconfigured.missing.learner')}</p>
  );
  return staff ? (
    <RouteMessage heading={t('route.unconfigured.staff.heading')} icon="link" tone="pending">
      {missing}
      <p>{t('route.unconfigured.staff.body')}</p>
    </RouteMessage>
  ) : (
    <RouteMessage heading={t('route.unconfigured.learner.heading')} icon="clock" tone="pending">
      {missing}
      <p>{t('route.unconfigured.learner.body')}</p>
    </RouteMessage>
  );
}
