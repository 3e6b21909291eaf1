import { useI18n } from '../../i18n/I18nContext.js';
import { formatClock } from './time-format.js';

/** "You stopped at 3:12 last time": resume there (the default position) or start over. */
export function ResumePrompt({ at, onResume, onStartOver }: { at: number; onResume(): void; onStartOver(): void }) {
  const { t } = useI18n();
  const time = formatClock(at);
  return (
    <div class="amphi-player-resume" data-testid="player-resume">
      <p>{t('player.resume.prompt', { time })}</p>
      <div class="amphi-player-resume-actions">
        <button type="button" class="amphi-button" data-testid="player-resume-at" onClick={onResume}>
          {t('player.resume.at', { time })}
        </button>
        <button type="button" class="amphi-button amphi-button-secondary" data-testid="player-start-over" onClick={onStartOver}>
          {t('player.resume.startOver')}
        </button>
      </div>
    </div>
  );
}
