import { useId, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import type { ResourceResponse } from '../../api/api-types.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { useCanManageBbbServer } from '../server/use-can-manage-bbb-server.js';
import { endMeeting } from './join-api.js';
import { timeOf } from './join-format.js';
import { JoinStatus } from './JoinStatus.js';
import { RoomUpcoming } from './RoomUpcoming.js';
import { ServerMissing } from './ServerMissing.js';
import { SessionLine } from './SessionLine.js';
import { useJoin } from './use-join.js';
import { usePolling } from './use-polling.js';
import { useRoom } from './use-room.js';
import '../../styles/classroom-join.css';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { JoinButton } from './JoinButton.js';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/**
 * The room as a teacher sees it: whether the meeting runs and who joined, Start/Join as moderator,
 * End, the next sessions. Without a server, Start cannot work: it is disabled and the page says why before any click.
 */
export function ClassroomRoomPanel({ resource }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const { room, setRoom, error, refresh } = useRoom(resource.id);
  const { phase, join } = useJoin(resource.id, refresh);
  // Administrators are told where to set the missing server, teachers whom to ask.
  const canManage = useCanManageBbbServer(true);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<ApiError | null>(null);
  const headingId = useId();
  const missingId = useId();
  // While the meeting runs, the participant count follows (the room endpoint never asks BBB more than every few seconds).
  usePolling(room?.meetingRunning === true, async () => void (await refresh()), 15_000, 60_000);

  async function end() {
    setEnding(true);
    setEndError(null);
    try {
      setRoom(await endMeeting(client, resource.id));
    } catch (err) {
      setEndError(toApiError(err));
    } finally {
      setEnding(false);
    }
  }

  if (error && !room) return <ApiErrorAlert error={error} />;
  if (!room) return <LoadingState label={t('join.loading')} />;
  const busy = phase.name === 'joining';
  const unavailable = !room.serverConfigured;
  return (
    <div class="amphi-stack amphi-join" data-testid="classroom-room-panel">
      <section class="amphi-card amphi-stack amphi-join-state" aria-labelledby={headingId}>
        <h3 id={headingId}>{t('join.room.heading')}</h3>
        {unavailable && <ServerMissing id={missingId} audience={canManage ? 'admin' : 'teacher'} />}
        <p data-testid="room-state" data-running={String(room.meetingRunning)}>
          {room.meetingRunning
            ? t('join.room.running', { time: room.startedAt ? timeOf(room.startedAt, format) : '', count: format.number(room.participants?.total ?? 0) })
            : t('join.room.idle')}
        </p>
        <SessionLine room={room} />
        {!room.open && !unavailable && <p class="amphi-hint">{t('join.room.early')}</p>}
        <p class="amphi-join-actions">
          <JoinButton busy={busy} unavailableReasonId={unavailable ? missingId : null} onJoin={() => void join()}>
            {room.meetingRunning ? t('join.button.moderator') : t('join.button.start')}
          </JoinButton>
          {room.meetingRunning && (
            <ConfirmButton
              question={t('join.end.confirm')}
              confirmLabel={t('join.end.yes')}
              cancelLabel={t('join.end.no')}
              busy={ending}
              small={false}
              testId="end-button"
              onConfirm={end}
            >
              {t('join.end.button')}
            </ConfirmButton>
          )}
        </p>
        <JoinStatus phase={phase} />
        {endError && <ApiErrorAlert error={endError} />}
      </section>
      {room.scheduled && <RoomUpcoming room={room} />}
    </div>
  );
}
