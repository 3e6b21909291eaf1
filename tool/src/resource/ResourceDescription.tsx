import { useI18n } from '../i18n/I18nContext.js';

/** The teacher's description, line breaks kept, or a quiet "no description". */
export function ResourceDescription({ text }: { text: string }) {
  const { t } = useI18n();
  return text.trim() ? (
    <p class="amphi-description" data-testid="resource-description">
      {text}
    </p>
  ) : (
    <p class="amphi-muted">{t('resource.noDescription')}</p>
  );
}
