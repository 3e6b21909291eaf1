import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `poll` while `active`: first after `firstMs`, then less and less often (×1.5, up to
 * `maxMs`); never while the page is hidden (a background tab costs the server nothing), and at
 * once when it shows again.
 */
export function usePolling(active: boolean, poll: () => Promise<void>, firstMs = 5000, maxMs = 30_000): void {
  const latest = useRef(poll);
  latest.current = poll;
  useEffect(() => {
    if (!active) return;
    let delay = firstMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // One poll at a time: the tab showing again while one runs must not start a second (two joins).
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        await latest.current().catch(() => undefined);
      } finally {
        running = false;
      }
      delay = Math.min(maxMs, delay * 1.5);
      schedule();
    };
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped && !document.hidden) timer = setTimeout(() => void run(), delay);
    };
    const onVisibility = () => {
      clearTimeout(timer);
      if (document.hidden || stopped) return;
      delay = firstMs;
      void run();
    };
    document.addEventListener('visibilitychange', onVisibility);
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [active, firstMs, maxMs]);
}
