import { useCallback, useEffect, useState } from 'preact/hooks';
import { toApiError, type ApiClient, type ApiError } from './api-client.js';
import { useApi } from './ApiContext.js';

export type ApiData<T> = (
  | { status: 'loading'; data: T | undefined }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError; data: T | undefined }
) & {
  /** Loads again (after a change this page made). */
  reload(): void;
  /** Shows data the page already has (a PATCH answered the updated resource). */
  replace(data: T): void;
};

/**
 * Loads with `load(client)` whenever `inputs` change. The previous data stays readable while the
 * next load runs (a list does not flash empty while a search is typed); late answers of an
 * outdated load are dropped.
 */
export function useApiData<T>(load: (client: ApiClient) => Promise<T>, inputs: readonly unknown[]): ApiData<T> {
  const client = useApi();
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<Omit<ApiData<T>, 'reload' | 'replace'>>({ status: 'loading', data: undefined });

  useEffect(() => {
    let current = true;
    setState((s) => ({ status: 'loading', data: s.data }));
    load(client).then(
      (data) => current && setState({ status: 'ready', data }),
      (err: unknown) => current && setState((s) => ({ status: 'error', error: toApiError(err), data: s.data })),
    );
    return () => {
      current = false;
    };
    // `load` is a new closure at each render: `inputs` name what it depends on.
  }, [client, generation, ...inputs]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { ...state, reload, replace } as ApiData<T>;
}
