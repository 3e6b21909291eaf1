import type { ResourceResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { ContentChooser } from './ContentChooser.js';

interface Props {
  resource: ResourceResponse;
  onSessionChange: (session: SessionResponse) => void;
}

/** Makes this course link show another resource (existing or new). */
export function ChangeContentPanel({ resource, onSessionChange }: Props) {
  const { t } = useI18n();
  return (
    <section class="amphi-stack" aria-labelledby="amphi-change-heading">
      <div class="amphi-page-heading">
        <h3 id="amphi-change-heading">{t('resource.change.heading')}</h3>
        <p class="amphi-muted">{t('resource.change.body', { title: resource.title })}</p>
      </div>
      <ContentChooser idPrefix="amphi-change" currentId={resource.id} initialKind={resource.kind} onSessionChange={onSessionChange} />
    </section>
  );
}
