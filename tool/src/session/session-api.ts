import type { Locale } from '../i18n/i18n.js';
import type { SessionResponse, SessionToken } from './session-types.js';

/**
 * A failed API call. `code` is the problem+json `code` (src/http/errors.ts), or `network` when
 * the server could not be reached, or `invalid-response` when the answer is not what we expect.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
    /** The server's request id (problem+json `requestId`), to quote to support. */
    readonly requestId?: string,
  ) {
    super(detail ?? code);
    this.name = 'ApiError';
  }
}

/**
 * Calls the Amphi API with the launch's Bearer token. Never with cookies: inside the LMS iframe
 * the browser may block third-party cookies, the token always works.
 */
async function requestJson<T>(path: string, token: string, init: { method?: string; locale?: Locale } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'omit',
      cache: 'no-store',
      headers: {
        Accept: 'application/json, application/problem+json',
        Authorization: `Bearer ${token}`,
        ...(init.locale ? { 'Accept-Language': init.locale } : {}),
      },
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : undefined);
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw problemToError(response.status, body);
  if (body === null || typeof body !== 'object') throw new ApiError(response.status, 'invalid-response');
  return body as T;
}

function problemToError(status: number, body: unknown): ApiError {
  const problem = (body ?? {}) as { code?: unknown; detail?: unknown; requestId?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return new ApiError(status, text(problem.code) ?? `http-${status}`, text(problem.detail), text(problem.requestId));
}

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
