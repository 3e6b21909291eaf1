import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { JoinPhase } from './use-join.js';

/** What the join is doing, in a live region; the meeting's link when the tab did not open (or to open it again). */
export function JoinStatus({ phase }: { phase: JoinPhase }) {
  const { t } = useI18n();
  const text =
    phase.name === 'joining'
      ? t('join.status.joining')
      : phase.name === 'waiting'
        ? t('join.waiting.title')
        : phase.name === 'joined'
          ? phase.opened
            ? t('join.status.opened')
            : t('join.status.blocked')
          : '';
  return (
    <div class="amphi-join-status" data-testid="join-status" data-phase={phase.name}>
      <StatusMessage text={text} testId="join-status-text" />
      {phase.name === 'waiting' && (
        <p class="amphi-join-waiting" data-testid="join-waiting">
          <span class="amphi-spinner" aria-hidden="true" /> {t('join.waiting.hint')}
        </p>
      )}
      {phase.name === 'joined' && (
        <p>
          <a href={phase.url} target="_blank" rel="noopener noreferrer" data-testid="join-link">
            {phase.opened ? t('join.link.again') : t('join.link.open')}
          </a>
        </p>
      )}
      {phase.name === 'error' && <ApiErrorAlert error={phase.error} />}
    </div>
  );
}
