import { useI18n } from '../../i18n/I18nContext.js';

/**
 * The polite live region: what the person just changed (paused, speed, captions…) and the end
 * of the video, never the running time.
 */
export function PlayerStatus({ message, ended }: { message: string; ended: boolean }) {
  const { t } = useI18n();
  return (
    <p class="amphi-visually-hidden" role="status" aria-live="polite" data-testid="player-status">
      {ended ? t('player.status.ended') : message}
    </p>
  );
}
