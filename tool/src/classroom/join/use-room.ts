import { useCallback, useEffect, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { getRoom, type Room } from './join-api.js';

/** The room's state (GET …/room), refreshed on demand and when the next session opens. */
export function useRoom(resourceId: string) {
  const client = useApi();
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const refresh = useCallback(async (): Promise<Room | null> => {
    try {
      const next = await getRoom(client, resourceId);
      setRoom(next);
      setError(null);
      return next;
    } catch (err) {
      setError(toApiError(err));
      return null;
    }
  }, [client, resourceId]);
  useEffect(() => void refresh(), [refresh]);
  // A closed room opens by itself: ask again when the next session opens (timers beyond ~24 days overflow).
  const opensAt = room && !room.open && room.next ? Date.parse(room.next.opensAt) : null;
  useEffect(() => {
    if (opensAt === null) return;
    const wait = opensAt - Date.now() + 500;
    if (wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => void refresh(), Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [opensAt, refresh]);
  return { room, setRoom, error, refresh };
}
