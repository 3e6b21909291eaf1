import { ChoiceGroup } from '../components/ChoiceGroup.js';
import { useI18n } from '../i18n/I18nContext.js';

export type DocumentTarget = 'iframe' | 'window';

/** How the course opens the activities, when the platform accepts both ways. */
export function DisplayChoice({ value, onChange }: { value: DocumentTarget; onChange: (value: DocumentTarget) => void }) {
  const { t } = useI18n();
  return (
    <ChoiceGroup
      legend={t('picker.display')}
      value={value}
      testId="picker-display"
      options={[
        { value: 'iframe', label: t('picker.display.iframe'), hint: t('picker.display.iframe.hint') },
        { value: 'window', label: t('picker.display.window'), hint: t('picker.display.window.hint') },
      ]}
      onChange={onChange}
    />
  );
}
