import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api-client.js';

export const ApiContext = createContext<ApiClient | null>(null);

/** The session's API client; only pages under SessionPage (which provides it) call the API. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() outside of a session: SessionPage provides the ApiContext');
  return client;
}
