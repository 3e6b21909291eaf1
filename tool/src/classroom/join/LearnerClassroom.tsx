import type { ResourceResponse } from '../../api/api-types.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ResourceDescription } from '../../resource/ResourceDescription.js';
import { RecordingsPanel } from '../recordings/RecordingsPanel.js';
import { JoinStatus } from './JoinStatus.js';
import { SessionLine } from './SessionLine.js';
import { useJoin } from './use-join.js';
import { useRoom } from './use-room.js';
import '../../styles/classroom-join.css';

/** What a learner sees: the welcome, when the next session is (their time zone), Join, the waiting page. */
export function LearnerClassroom({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  const { room, error, refresh } = useRoom(resource.id);
  const { phase, join } = useJoin(resource.id, refresh);
  const welcome = typeof resource.settings.welcomeMessage === 'string' ? resource.settings.welcomeMessage : '';
  const busy = phase.name === 'joining' || phase.name === 'waiting';
  return (
    <>
      <div class="amphi-card amphi-join" data-testid="learner-classroom">
        <ResourceDescription text={resource.description} />
        {welcome && <p class="amphi-join-welcome">{welcome}</p>}
        {error && !room ? (
          <ApiErrorAlert error={error} />
        ) : !room ? (
          <LoadingState label={t('join.loading')} />
        ) : (
          <>
            <SessionLine room={room} />
            {/* A class that runs over its end stays open to its learners. */}
            {(room.open || room.meetingRunning) && (
              <p>
                <button type="button" class="amphi-button" onClick={() => void join()} aria-disabled={busy} disabled={busy} data-testid="join-button">
                  <Icon name="classroom" /> {t('join.button')}
                </button>
              </p>
            )}
            <JoinStatus phase={phase} />
          </>
        )}
      </div>
      {/* The published recordings, to watch again (the teacher's tab manages them). */}
      {resource.settings.recordingAllowed !== false && <RecordingsPanel resource={resource} onResourceChanged={() => undefined} />}
    </>
  );
}
