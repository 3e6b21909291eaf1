import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';
import type { DeepLinkingResponseBody } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { createDeepLinkingResponse } from '../api/content-api.js';
import { postToPlatform } from './return-to-platform.js';

export interface DeepLinkingReturn {
  /** What is being sent: the selection, or nothing (cancel). */
  sending: 'add' | 'cancel' | null;
  error: ApiError | null;
  send(items: DeepLinkingResponseBody['items']): void;
}

/** Has the server sign the response, then posts it to the platform (the page then leaves). */
export function useDeepLinkingReturn(): DeepLinkingReturn {
  const client = useApi();
  const [sending, setSending] = useState<DeepLinkingReturn['sending']>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const send = (items: DeepLinkingResponseBody['items']) => {
    if (sending) return;
    setSending(items.length ? 'add' : 'cancel');
    setError(null);
    createDeepLinkingResponse(client, { items }).then(
      ({ returnUrl, jwt }) => postToPlatform(returnUrl, jwt),
      (err: unknown) => {
        setSending(null);
        setError(toApiError(err));
      },
    );
  };
  return { sending, error, send };
}
