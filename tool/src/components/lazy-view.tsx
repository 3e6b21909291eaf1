import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/I18nContext.js';
import type { MessageKey } from '../i18n/i18n.js';
import { ErrorAlert } from './ErrorAlert.js';
import { LoadingState } from './LoadingState.js';

/**
 * A view whose code is fetched the first time it shows, so each page downloads only what it
 * displays. `load` is a dynamic import(): Vite makes its target a chunk of its own. The chunk is
 * fetched once per page; a failed fetch is tried again the next time the view mounts (a dropped
 * connection should not leave the tab broken until reload).
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, loadingLabel: MessageKey): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchView = () =>
    (pending ??= load().then(
      (view) => (loaded = view),
      (error: unknown) => {
        pending = null;
        throw error;
      },
    ));

  function LazyView(props: P) {
    const { t } = useI18n();
    // Already fetched (a tab shown before): render it at once, no spinner flash.
    const [View, setView] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);

    useEffect(() => {
      if (View) return;
      let active = true;
      fetchView().then(
        (view) => active && setView(() => view),
        () => active && setFailed(true),
      );
      return () => {
        active = false;
      };
    }, []);

    if (View) return <View {...(props as P & JSX.IntrinsicAttributes)} />;
    // The usual cause is the network (offline, or a new deployment removed the old chunk).
    if (failed) return <ErrorAlert message={t('error.network')} />;
    return <LoadingState label={t(loadingLabel)} />;
  }
  return LazyView;
}
