import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../../api/ApiContext.js';
import { getBbbServer } from './bbb-server-api.js';

/**
 * Whether this session may set the platform's BigBlueButton server (a Moodle administrator): the
 * server API says so (canManage), the page does not guess from roles. False until known, and on
 * any failure (the tab is then simply not offered).
 */
export function useCanManageBbbServer(ask: boolean): boolean {
  const client = useApi();
  const [canManage, setCanManage] = useState(false);
  useEffect(() => {
    if (!ask) return;
    let current = true;
    getBbbServer(client).then(
      (server) => current && setCanManage(server.canManage),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, ask]);
  return canManage;
}
