import { ApiError, callApi, requestJson, type ApiClient } from '../api/api-client.js';
import type { Locale } from '../i18n/i18n.js';
import type { SessionResponse, SessionToken } from './session-types.js';

export { ApiError };

export async function fetchSession(token: string, locale?: Locale): Promise<SessionResponse> {
  const session = await requestJson<SessionResponse>('/api/session', token, { locale });
  if (!session.route || !session.role || !session.platform) throw new ApiError(200, 'invalid-response');
  return session;
}

export async function refreshSessionToken(token: string): Promise<SessionToken> {
  const fresh = await requestJson<SessionToken>('/api/session/refresh', token, { method: 'POST' });
  if (typeof fresh.token !== 'string' || Number.isNaN(Date.parse(fresh.tokenExpiresAt))) {
    throw new ApiError(200, 'invalid-response');
  }
  return fresh;
}

/** The language chosen in the page: this session's at once, the person's on later launches. */
export function saveLocale(client: ApiClient, locale: Locale): Promise<{ locale: Locale; remembered: boolean }> {
  return callApi(client, '/api/session/locale', { method: 'PUT', body: { locale } });
}
