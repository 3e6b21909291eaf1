import type { AccessTokenCache } from './access-token.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { PlatformServiceError, describeFailure, isRetryableStatus, retryAfterMs } from './service-error.js';

const REQUEST_TIMEOUT_MS = 15_000;

export interface PlatformRequest {
  service: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  scopes: readonly string[];
  accept?: string;
  contentType?: string;
  body?: string;
}

/**
 * One call to an LTI Advantage service with a Bearer token. A 401 gets one retry with a fresh
 * token (the platform may have revoked or expired it early); failures become PlatformServiceError.
 */
export async function platformRequest(
  deps: { accessTokens: AccessTokenCache; fetchImpl?: typeof fetch },
  platform: Pick<PlatformRow, 'id' | 'client_id' | 'auth_token_url'>,
  request: PlatformRequest,
): Promise<Response> {
  const doFetch = deps.fetchImpl ?? fetch;
  for (let attempt = 0; ; attempt++) {
    const token = await deps.accessTokens.get(platform, request.scopes);
    let response: Response;
    try {
      response = await doFetch(request.url, {
        method: request.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(request.accept ? { Accept: request.accept } : {}),
          ...(request.contentType ? { 'Content-Type': request.contentType } : {}),
        },
        body: request.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new PlatformServiceError(request.service, `platform unreachable: ${(err as Error).message}`, undefined, true, undefined, { cause: err });
    }
    if (response.status === 401 && attempt === 0) {
      deps.accessTokens.invalidate(platform, request.scopes);
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) {
      const status = response.status;
      throw new PlatformServiceError(request.service, await describeFailure(response), status, isRetryableStatus(status), retryAfterMs(response.headers.get('retry-after')));
    }
    return response;
  }
}
