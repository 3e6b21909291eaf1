import { useI18n } from '../i18n/I18nContext.js';
import { RouteMessage } from './RouteMessage.js';

/** LtiDeepLinkingRequest: said plainly; the content picker comes in a later issue. */
export function DeepLinkingRoute({ platformName }: { platformName: string }) {
  const { t } = useI18n();
  return (
    <RouteMessage heading={t('route.deepLinking.heading')} icon="info">
      <p>{t('route.deepLinking.body', { platform: platformName })}</p>
      <p>{t('route.deepLinking.nothingAdded')}</p>
    </RouteMessage>
  );
}
