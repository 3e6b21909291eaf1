import { useI18n } from '../../i18n/I18nContext.js';

export type ServerMissingAudience = 'learner' | 'teacher' | 'admin';

/**
 * Said before any click when the platform has no BigBlueButton server: learners only that the
 * classroom is not available yet (nothing they could act on); teachers whom to ask and where;
 * administrators where to set it. The id lets the disabled Start/Join button point at it.
 */
export function ServerMissing({ audience, id }: { audience: ServerMissingAudience; id: string }) {
  const { t } = useI18n();
  return (
    <p id={id} class="amphi-join-unavailable" data-testid="classroom-server-missing" data-audience={audience}>
      {t(`join.server.missing.${audience}`)}
    </p>
  );
}
