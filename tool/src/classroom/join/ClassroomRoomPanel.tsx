import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import type { ResourceResponse } from '../../api/api-types.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { endMeeting } from './join-api.js';
import { dayOf, timeOf, viewerTimeZone } from './join-format.js';
import { JoinStatus } from './JoinStatus.js';
import { SessionLine } from './SessionLine.js';
import { useJoin } from './use-join.js';
import { usePolling } from './use-polling.js';
import { useRoom } from './use-room.js';
import '../../styles/classroom-join.css';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/** The room as a teacher sees it: whether the meeting runs and who joined, Start/Join as moderator, End, the next sessions. */
export function ClassroomRoomPanel({ resource }: Props) {
  const { t, locale } = useI18n();
  const client = useApi();
  const { room, setRoom, error, refresh } = useRoom(resource.id);
  const { phase, join } = useJoin(resource.id, refresh);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<ApiError | null>(null);
  // While the meeting runs, the participant count follows (the room endpoint never asks BBB more than every few seconds).
  usePolling(room?.meetingRunning === true, async () => void (await refresh()), 15_000, 60_000);

  async function end() {
    if (!window.confirm(t('join.end.confirm'))) return;
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
  return (
    <div class="amphi-stack amphi-join" data-testid="classroom-room-panel">
      <section class="amphi-join-state" aria-labelledby="amphi-room-heading">
        <h3 id="amphi-room-heading">{t('join.room.heading')}</h3>
        <p data-testid="room-state" data-running={String(room.meetingRunning)}>
          {room.meetingRunning
            ? t('join.room.running', { time: room.startedAt ? timeOf(room.startedAt, locale) : '', count: String(room.participants?.total ?? 0) })
            : t('join.room.idle')}
        </p>
        <SessionLine room={room} />
        {!room.open && <p class="amphi-hint">{t('join.room.early')}</p>}
        <p class="amphi-join-actions">
          <button type="button" class="amphi-button" onClick={() => void join()} disabled={busy} aria-disabled={busy} data-testid="join-button">
            <Icon name="classroom" /> {room.meetingRunning ? t('join.button.moderator') : t('join.button.start')}
          </button>
          {room.meetingRunning && (
            <button type="button" class="amphi-button amphi-button-secondary" onClick={() => void end()} disabled={ending} data-testid="end-button">
              {t('join.end.button')}
            </button>
          )}
        </p>
        <JoinStatus phase={phase} />
        {endError && <ApiErrorAlert error={endError} />}
      </section>
      {room.scheduled && (
        <section aria-labelledby="amphi-room-upcoming">
          <h3 id="amphi-room-upcoming">{t('join.upcoming.heading')}</h3>
          {room.upcoming.length === 0 ? (
            <p>{t('join.closed.none')}</p>
          ) : (
            <>
              <p class="amphi-hint">{t('join.upcoming.zone', { zone: viewerTimeZone() })}</p>
              <ul class="amphi-join-upcoming">
                {room.upcoming.map((o) => (
                  <li key={`${o.sessionId}-${o.start}`}>
                    <time dateTime={o.start}>{dayOf(o.start, locale)}</time>, {t('join.upcoming.range', { start: timeOf(o.start, locale), end: timeOf(o.end, locale) })}
                    {o.title ? ` — ${o.title}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
