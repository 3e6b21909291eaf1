import { useCallback, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.js';
import type { Locale } from '../i18n/i18n.js';
import { saveLocale } from './session-api.js';

export interface LocaleChoice {
  choose(locale: Locale): void;
  /** The last choice could not be saved: it holds for this page only. */
  failed: boolean;
}

/**
 * The header's language switch: the page changes at once, the server keeps the choice for the
 * person's later launches. Saves go one after the other, so the last click is the one kept.
 */
export function useLocaleChoice(client: ApiClient, apply: (locale: Locale) => void): LocaleChoice {
  const [failed, setFailed] = useState(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const latest = useRef(0);
  const applyRef = useRef(apply);
  applyRef.current = apply;

  const choose = useCallback(
    (locale: Locale) => {
      applyRef.current(locale);
      const attempt = ++latest.current;
      queue.current = queue.current
        .then(() => saveLocale(client, locale))
        .then(
          () => attempt === latest.current && setFailed(false),
          () => attempt === latest.current && setFailed(true),
        );
    },
    [client],
  );
  return { choose, failed };
}
