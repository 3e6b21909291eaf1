import { useI18n } from '../i18n/I18nContext.js';
import type { Role } from '../session/session-types.js';
import { RouteMessage } from './RouteMessage.js';

/** A resource link with nothing behind it yet: staff learn what comes next, learners are reassured. */
export function UnconfiguredRoute({ role }: { role: Role }) {
  const { t } = useI18n();
  const staff = role === 'instructor' || role === 'admin';
  return staff ? (
    <RouteMessage heading={t('route.unconfigured.staff.heading')} icon="link" tone="pending">
      <p>{t('route.unconfigured.staff.body')}</p>
    </RouteMessage>
  ) : (
    <RouteMessage heading={t('route.unconfigured.learner.heading')} icon="clock" tone="pending">
      <p>{t('route.unconfigured.learner.body')}</p>
    </RouteMessage>
  );
}
