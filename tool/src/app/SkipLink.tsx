import { useI18n } from '../i18n/I18nContext.js';

/** First focusable element: jumps over the header to the main content. */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useI18n();
  return (
    <a class="amphi-skip-link" href={`#${targetId}`}>
      {t('app.skipToContent')}
    </a>
  );
}
