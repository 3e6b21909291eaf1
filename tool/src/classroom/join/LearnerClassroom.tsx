import { useId } from 'preact/hooks';
import type { ResourceResponse } from '../../api/api-types.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ResourceDescription } from '../../resource/ResourceDescription.js';
import { RecordingsPanel } from '../recordings/RecordingsPanel.js';
import { JoinStatus } from './JoinStatus.js';
import { ServerMissing } from './ServerMissing.js';
import { SessionLine } from './SessionLine.js';
import { useJoin } from './use-join.js';
import { useRoom } from './use-room.js';
import '../../styles/classroom-join.css';
import { JoinButton } from './JoinButton.js';

/**
 * What a learner sees: the welcome, when the next session is (their time zone), Join, the waiting
 * page. Without a BigBlueButton server the classroom is only "not available yet": Join is
 * disabled and there are no recordings to list (no error about servers or administrators).
 */
export function LearnerClassroom({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  const { room, error, refresh } = useRoom(resource.id);
  const { phase, join } = useJoin(resource.id, refresh);
  const welcome = typeof resource.settings.welcomeMessage === 'string' ? resource.settings.welcomeMessage : '';
  const busy = phase.name === 'joining' || phase.name === 'waiting';
  const missingId = useId();
  const unavailable = room?.serverConfigured === false;
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
            {unavailable ? <ServerMissing id={missingId} audience="learner" /> : <SessionLine room={room} />}
            {/* A class that runs over its end stays open to its learners. */}
            {(room.open || room.meetingRunning || unavailable) && (
              <p>
                <JoinButton busy={busy} unavailableReasonId={unavailable ? missingId : null} onJoin={() => void join()}>
                  {t('join.button')}
                </JoinButton>
              </p>
            )}
            <JoinStatus phase={phase} />
          </>
        )}
      </div>
      {/* The published recordings, to watch again (the teacher's tab manages them). */}
      {resource.settings.recordingAllowed !== false && room?.serverConfigured === true && <RecordingsPanel resource={resource} headingLevel={2} onResourceChanged={() => undefined} />}
    </>
  );
}
