import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { joinClassroom, type Room } from './join-api.js';
import { openMeetingTab } from './open-meeting.js';
import { usePolling } from './use-polling.js';

export type JoinPhase =
  | { name: 'idle' }
  | { name: 'joining' }
  | { name: 'waiting' }
  | { name: 'joined'; url: string; opened: boolean }
  | { name: 'error'; error: ApiError };

/**
 * Join, wait or be told: the click opens the meeting's tab at once (see open-meeting.ts); a
 * viewer told to wait polls the room and joins as soon as the meeting runs; a closed room
 * refreshes the room so the page says when it opens.
 */
export function useJoin(resourceId: string, refresh: () => Promise<Room | null>) {
  const client = useApi();
  const [phase, setPhase] = useState<JoinPhase>({ name: 'idle' });

  async function join(atClick: boolean) {
    const tab = openMeetingTab(atClick);
    setPhase({ name: 'joining' });
    try {
      const answer = await joinClassroom(client, resourceId);
      if (answer.status === 'waiting') {
        tab.close();
        setPhase({ name: 'waiting' });
        return;
      }
      setPhase({ name: 'joined', url: answer.joinUrl, opened: tab.go(answer.joinUrl) });
      void refresh();
    } catch (err) {
      tab.close();
      const error = toApiError(err);
      if (error.code === 'join-closed' || error.code === 'join-closed-for-good') {
        await refresh();
        setPhase({ name: 'idle' });
        return;
      }
      setPhase({ name: 'error', error });
    }
  }

  usePolling(phase.name === 'waiting', async () => {
    const room = await refresh();
    // The room closed (or the session expired): stop waiting, the page says what is next.
    if (!room || !room.open) return setPhase({ name: 'idle' });
    if (room.meetingRunning || !room.waitingForModerator) await join(false);
  });

  return { phase, join: () => join(true) };
}
