import { useI18n } from '../i18n/I18nContext.js';
import { ContentChooser } from '../resource/ContentChooser.js';
import type { SessionResponse } from '../session/session-types.js';

/** For the teacher of a link not set up yet: choose (or create) what it opens, right here. */
export function UnconfiguredChooser({ onSessionChange }: { onSessionChange: (session: SessionResponse) => void }) {
  const { t } = useI18n();
  return (
    <section class="amphi-card" aria-labelledby="amphi-choose-heading" data-testid="unconfigured-chooser">
      <h2 id="amphi-choose-heading">{t('chooser.heading')}</h2>
      <ContentChooser idPrefix="amphi-choose" onSessionChange={onSessionChange} />
    </section>
  );
}
