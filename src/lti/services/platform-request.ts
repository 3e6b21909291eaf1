import type { OutboundHttp } from '../../http/outbound.js';
import type { AccessTokenCache } from './access-token.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { outboundTrustOf } from './platform-trust.js';
import { PlatformServiceError, describeFailure, describeNoAnswer, isRetryableStatus, mayAnswerLater, retryAfterMs } from './service-error.js';

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface PlatformRequest {
  service: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  scopes: readonly string[];
  accept?: string;
  contentType?: string;
  body?: string;
  /** Defaults: 15 s, 4 MiB (an NRPS page without a limit holds the whole course: it asks for more). */
  timeoutMs?: number;
  maxBytes?: number;
}

export type PlatformServiceDeps = { accessTokens: AccessTokenCache; outbound: OutboundHttp };
export type ServicePlatform = Pick<PlatformRow, 'id' | 'client_id' | 'auth_token_url' | 'registered_via'>;

/**
 * One call to an LTI Advantage service with a Bearer token. A 401 gets one retry with a fresh
 * token (the platform may have revoked or expired it early); failures become PlatformServiceError.
 * The URL comes from the platform (its launches' claims, its Link headers): it goes through the
 * outbound client with the platform's trust, and no redirect is followed (the token would go along).
 */
export async function platformRequest(deps: PlatformServiceDeps, platform: ServicePlatform, request: PlatformRequest): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const token = await deps.accessTokens.get(platform, request.scopes);
    let response: Response;
    try {
      response = await deps.outbound.fetch(request.url, {
        method: request.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(request.accept ? { Accept: request.accept } : {}),
          ...(request.contentType ? { 'Content-Type': request.contentType } : {}),
        },
        body: request.body,
        trust: outboundTrustOf(platform),
        timeoutMs: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
        maxBytes: request.maxBytes ?? MAX_RESPONSE_BYTES,
      });
    } catch (err) {
      throw new PlatformServiceError(request.service, `platform unreachable: ${describeNoAnswer(err)}`, undefined, mayAnswerLater(err), undefined, { cause: err });
    }
    if (response.status === 401 && attempt === 0) {
      deps.accessTokens.invalidate(platform, request.scopes);
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) {
      const status = response.status;
      const { reason, detail } = await describeFailure(response);
      throw new PlatformServiceError(request.service, reason, status, isRetryableStatus(status), retryAfterMs(response.headers.get('retry-after')), { detail });
    }
    return response;
  }
}
