import { RouteMessage } from '../launch/RouteMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { PickerActions } from './PickerActions.js';

interface Props {
  platformName: string;
  sending: 'add' | 'cancel' | null;
  onCancel: () => void;
}

/** The platform asked for content but accepts no LTI resource link: nothing Amphi makes fits. */
export function NoResourceLinks({ platformName, sending, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <div class="amphi-card amphi-stack">
      <RouteMessage heading={t('picker.noLinks.heading')} icon="info" tone="pending">
        <p>{t('picker.noLinks.body', { platform: platformName })}</p>
      </RouteMessage>
      <PickerActions sending={sending} onCancel={onCancel} platformName={platformName} />
    </div>
  );
}
